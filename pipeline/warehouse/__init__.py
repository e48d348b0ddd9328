"""The Parquet warehouse: one Arrow schema per table, storage on local disk or
object storage, atomic table replacement, and the run's work folders and locks."""
