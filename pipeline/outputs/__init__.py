"""What users read the warehouse with: TimelineJS, CSV and JSON Lines exports, the HTML page, and SQL queries."""
