"""Extraction behaviour a journalist relies on: the right agencies, bodies, records and dates."""

from __future__ import annotations

from datetime import date

import pytest

from foia_desk.extract import extract, normalise_spun


def _roles(text: str, **kwargs) -> dict[str, str]:
    return {a.id: a.role for a in extract(text, **kwargs).agencies}


def _mentioned(text: str, **kwargs) -> set[str]:
    return set(extract(text, **kwargs).mentioned_ids())


def _assert_offsets(text: str) -> None:
    data = extract(text).to_dict()
    groups = [a["mentions"] + a["evidence"] for a in data["agencies"]]
    groups += [b["mentions"] for b in data["non_foia"]] + [t["mentions"] for t in data["topics"]]
    for mentions in groups:
        for m in mentions:
            assert text[m["start"]:m["end"]] == m["text"]
    for d in data["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]


# --- agencies -------------------------------------------------------------------------------

def test_acronym_is_case_sensitive_and_word_bounded():
    assert _mentioned("ICE agents detained him.") == {"ice"}
    assert "ice" not in _mentioned("Ice on the road closed the pass; the ice was thick.")
    assert "dea" not in _mentioned("It was an idea the agency liked.")
    assert "dea" in _mentioned("The DEA's Rocky Mountain Division confirmed it.")


def test_all_caps_headline_does_not_make_an_acronym():
    text = "ICE STORM SHUTS ROADS ACROSS THE STATE\n\nFreezing rain closed the interstate."
    assert "ice" not in _mentioned(text)
    # ...but a caps headline mention counts when the agency is named in the body too.
    text2 = "ICE RAIDS FARM\n\nImmigration and Customs Enforcement agents arrived at dawn."
    finding = extract(text2).agency("ice")
    assert finding is not None and finding.role == "mentioned"
    assert any(m.text == "ICE" for m in finding.mentions)


def test_state_department_only_when_it_means_it():
    text = "The state said the road would reopen. State officials agreed."
    assert "state" not in _mentioned(text)
    assert "state" in _mentioned("A State Department spokesperson declined to comment.")
    assert "state" in _mentioned("the Department of State's cable")


def test_us_prefix_variants_possessives_and_line_breaks():
    text = ("The U.S. Postal Inspection Service's agents and the United States Postal Service "
            "worked with the Department of Homeland\nSecurity. USPIS's role grew.")
    found = extract(text)
    assert {"uspis", "usps", "dhs"} <= set(found.mentioned_ids())
    uspis = found.agency("uspis")
    assert uspis is not None
    assert any(m.text == "U.S. Postal Inspection Service" for m in uspis.mentions)
    dhs = found.agency("dhs")
    assert dhs is not None and dhs.mentions[0].text == "Department of Homeland\nSecurity"


def test_hyphenated_line_break_inside_a_name_maps_back_to_the_original():
    text = "Agents of Immigration and Customs En-\nforcement arrived."
    ice = extract(text).agency("ice")
    assert ice is not None and ice.role == "mentioned"
    assert ice.mentions[0].text == "Immigration and Customs En-\nforcement"


def test_prefix_needed_for_us_attorneys_office():
    assert "eousa" in _mentioned("The U.S. Attorney's Office in Denver filed charges.")
    assert "eousa" not in _mentioned("The Denver District Attorney's Office filed charges.")


def test_component_yields_parent_as_suggestion_not_mention():
    roles = _roles("ICE arrested four people.")
    assert roles["ice"] == "mentioned"
    assert roles["dhs"] == "parent"
    parent = extract("ICE arrested four people.").agency("dhs")
    assert parent is not None and parent.inferred and parent.mentions == []
    assert parent.confidence < 0.5


def test_informal_reference_is_inferred_with_lower_confidence():
    found = extract("Postal inspectors and federal prosecutors met on Friday.")
    uspis = found.agency("uspis")
    assert uspis is not None and uspis.role == "inferred" and uspis.mentions == []
    assert 0.4 < uspis.confidence < 0.7 and "postal inspectors" in uspis.reason
    assert uspis.evidence[0].text == "Postal inspectors"


def test_hint_words_and_us_pronoun_do_not_fool_matching():
    assert _mentioned("He told us Postal Service trucks were late.") == {"usps"}
    assert _mentioned("Visit www.fbi.gov or email tips@dhs.gov for details.") == set()


def test_state_named_look_alike_is_a_state_body_not_federal():
    found = extract("The Colorado Department of Labor and Employment said claims rose.")
    assert "dol" not in found.mentioned_ids()
    body = next(b for b in found.non_foia if "Colorado Department of Labor" in b.name)
    assert body.kind == "state_local" and "Colorado Open Records Act" in body.route


def test_congressional_committee_swallows_agency_words():
    found = extract("The Senate Homeland Security Committee held a hearing.")
    assert "dhs" not in found.mentioned_ids()
    assert any(b.kind == "legislature" for b in found.non_foia)


def test_risky_acronyms_need_support():
    assert "va" not in _mentioned("The clinic is in Richmond, VA and opens at nine.")
    assert "va" in _mentioned("A VA spokesperson said the hospital would hire more staff.")
    assert "sec" not in _mentioned("The SEC football title game drew a record crowd.")
    assert "sec" in _mentioned("The SEC charged the promoters with fraud.")


# --- bodies FOIA does not reach ----------------------------------------------------------------

def test_non_foia_bodies_are_reported_with_reason_and_route():
    text = ("Sen. Ron Wyden wrote to the agency. The Denver Police Department and the Maricopa "
            "County Sheriff's Office declined to comment, a federal judge ruled, and a "
            "spokesperson told the Washington Post and later the Post again.")
    found = extract(text)
    names = {b.name: b for b in found.non_foia}
    assert "Sen. Ron Wyden" in names and names["Sen. Ron Wyden"].kind == "legislature"
    police = names["Denver Police Department"]
    assert police.kind == "state_local" and "Colorado" in police.route
    sheriff = names["Maricopa County Sheriff's Office"]
    assert "Arizona" in sheriff.route
    post = next(b for b in found.non_foia if "Washington Post" in b.name)
    assert {m.text for m in post.mentions} == {"Washington Post", "Post"}
    assert any(b.kind == "court" for b in found.non_foia)
    assert all(b.reason and b.route for b in found.non_foia)
    assert found.mentioned_ids() == []


def test_ngo_pattern_does_not_swallow_a_federal_facility():
    found = extract("Veterans waited at the Hunter Holmes McGuire VA Medical Center for weeks.")
    assert "va" in found.mentioned_ids()
    assert not any("Medical Center" in b.name for b in found.non_foia)


# --- dates --------------------------------------------------------------------------------------

def test_dates_absolute_and_relative():
    text = ("On Tuesday the agency wrote. The raid was April 27, 2025. In 2023 senators "
            "complained, and last year a probe followed. It began in March.")
    with_date = {d.text: d for d in extract(text, date(2025, 5, 2)).dates}
    assert with_date["On Tuesday"].date == date(2025, 4, 29) and with_date["On Tuesday"].relative
    assert with_date["April 27, 2025"].date == date(2025, 4, 27)
    assert not with_date["April 27, 2025"].relative
    assert with_date["2023"].period_end == date(2023, 12, 31)
    assert with_date["last year"].date == date(2024, 1, 1)
    assert with_date["March"].date == date(2025, 3, 1)
    without = {d.text: d for d in extract(text).dates}
    assert without["On Tuesday"].date is None and without["On Tuesday"].relative
    assert without["last year"].date is None
    assert without["April 27, 2025"].date == date(2025, 4, 27)


# --- spun text ------------------------------------------------------------------------------------

def test_spinner_detection_and_normalised_reading(seed_text):
    reading = normalise_spun(seed_text)
    assert reading.detected and reading.score > 0.9
    assert "mail cover program" in reading.text
    assert "law enforcement joined" in reading.text
    for sub in reading.substitutions:
        assert seed_text[sub.start:sub.end] == sub.original


def test_ordinary_text_is_not_spun_and_not_rewritten():
    text = ("A successful raid in Oregon seized arsenic and other poisons. The national "
            "guard helped, and immigration officials were present.")
    reading = normalise_spun(text)
    assert not reading.detected
    assert reading.text == text


def test_spun_article_of_our_own_is_read_back():
    text = ("Under the caller medication, migration officials tin taxable names. A national "
            "justice successful Washington declined, and instrumentality enforcement agencies "
            "arsenic galore arsenic 700 radical could beryllium affected.")
    reading = normalise_spun(text)
    assert reading.detected
    assert "immigration officials" in reading.text and "law enforcement" in reading.text
    assert "federal judge in Washington" in reading.text


# --- topics on the seed (the bar) ---------------------------------------------------------

def test_seed_findings_meet_the_bar(seed_text):
    found = extract(seed_text)
    mentioned = set(found.mentioned_ids())
    assert {"uspis", "usps", "dhs", "dea", "fbi", "irs"} <= mentioned
    body_text = " | ".join([b.name for b in found.non_foia]
                           + [m.text for b in found.non_foia for m in b.mentions]).lower()
    for name in ("washington post", "american civil liberties union", "senators", "congress"):
        assert name in body_text
    assert not {"aclu", "congress", "washington_post"} & mentioned
    topics = {t.kind: [] for t in found.topics}
    for topic in found.topics:
        topics[topic.kind].append(topic)
    texts = " | ".join(t.text for t in found.topics)
    assert "mail cover program" in texts
    assert any("task force" in t.text and "dhs" in t.agencies for t in found.topics)
    data = " ".join(t.text for t in topics["data"])
    for kind in ("tracking information", "credit card data", "IP addresses"):
        assert kind in data
    raid = next(t for t in found.topics if "Colorado Springs" in t.text)
    assert raid.date_range == (date(2025, 4, 27), date(2025, 4, 27))
    letter = next(t for t in found.topics if "letter" in t.text)
    assert "senators" in letter.text and "Chief Postal Inspector" in letter.text
    assert letter.date_range == (date(2023, 1, 1), date(2023, 12, 31))
    _assert_offsets(seed_text)


def test_json_has_the_stable_keys(seed_text):
    data = extract(seed_text).to_dict()
    assert set(data) >= {"agencies", "non_foia", "topics", "dates", "spun"}
    agency = data["agencies"][0]
    assert set(agency) >= {"id", "name", "parent", "inferred", "confidence", "mentions", "role"}
    assert set(data["non_foia"][0]) >= {"name", "reason", "mentions", "kind", "route"}
    topic = data["topics"][0]
    assert set(topic) >= {"kind", "text", "agencies", "date_range", "mentions"}
    assert set(data["dates"][0]) >= {"text", "date", "start", "end", "relative"}
    assert set(data["spun"]) >= {"detected", "score"}


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "ICE", "DHS's", "U.S.", "2023"])
def test_tiny_inputs_give_valid_findings(text):
    _assert_offsets(text)


def test_non_string_input_is_rejected():
    with pytest.raises(TypeError):
        extract(b"bytes")  # type: ignore[arg-type]


# --- patterns that generalise beyond the directory's names ---------------------------------------

def test_possessive_inspector_general_is_the_component():
    found = extract("The Justice Department's Office of the Inspector General said in a report "
                    "released Monday that the prison was understaffed.")
    assert {"doj", "doj_oig"} <= set(found.mentioned_ids())
    report = next(t for t in found.topics if t.kind == "communication")
    assert "doj_oig" in report.agencies


def test_section_heading_is_not_the_sec():
    text = "SEC. 2. REQUEST. The board requests federal aid. Transportation Sec. Ann Lee agreed."
    assert "sec" not in _mentioned(text)


def test_state_named_bodies_officials_and_committees():
    text = ("The Pennsylvania Emergency Management Agency, the Kansas Wheat Commission and the "
            "Maine attorney general all objected. PennDOT crews worked overnight. The House "
            "Committee on Oversight and Government Reform and a House Financial Services "
            "subcommittee asked questions.")
    names = " | ".join(b.name for b in extract(text).non_foia)
    for expected in ("Pennsylvania Emergency Management Agency", "Kansas Wheat Commission",
                     "Maine attorney general", "PennDOT",
                     "House Committee on Oversight and Government Reform",
                     "House Financial Services subcommittee"):
        assert expected in names


def test_lede_topic_and_letter_written_to_officials():
    text = ("Face scans widen at airports\n\nDENVER (Wire) — The Transportation Security "
            "Administration will add face scanning cameras to every lane at the airport by the "
            "end of the year, officials said on Monday.\n\nTwo senators wrote to the TSA "
            "administrator asking for the error rates of the cameras.")
    topics = extract(text).topics
    lede = topics[-1]  # the catch-all comes after the specific records
    assert lede.kind == "event" and lede.text.startswith("Other records about")
    assert "“Face scans widen at airports”" in lede.text and "DENVER" not in lede.text
    assert "The Transportation Security" not in lede.text  # the sentence is evidence only
    assert lede.mentions and "face scanning cameras" in lede.mentions[0].text
    letter = next(t for t in topics if "letter" in t.text)
    assert "to the TSA administrator" in letter.text and "error rates" in letter.text


def test_hard_wrapped_text_keeps_sentences_whole():
    from foia_desk.extract.sentences import sentence_spans

    text = ("XENIA - Two officers with U.S. Immigration and Customs Enforcement arrested a\n"
            "roofer in a hallway of the Greene County Courthouse on Tuesday, minutes after he\n"
            "had pleaded not guilty to a misdemeanor driving charge, his lawyer said today.\n"
            "The man, whom the newspaper is not naming because he fears for relatives in\n"
            "Honduras, had been ordered to return for a pretrial hearing on March 21 next.\n")
    spans = sentence_spans(text)
    assert len(spans) == 2
    assert text[spans[0][0]:spans[0][1]].endswith("said today.")


def test_text_without_full_stops_is_cut_into_bounded_pieces():
    from foia_desk.extract.sentences import MAX_SENTENCE, sentence_spans

    text = "ICE sent a letter to the DHS director about the mail cover program and " * 200
    spans = sentence_spans(text)
    assert len(spans) > 1 and all(end - start <= MAX_SENTENCE for start, end in spans)
    assert "ice" in extract(text).mentioned_ids()


def test_titles_and_capitalised_informal_references():
    found = extract("Secretary of State Marco Rubio met Colorado Secretary of State Jena "
                    "Griswold and Gov. Jared Polis. The navy blue trucks left.")
    state = found.agency("state")
    assert state is not None and state.role == "inferred"
    assert [m.text for m in state.evidence] == ["Secretary of State"]
    names = " | ".join(b.name for b in found.non_foia)
    assert "Colorado Secretary of State" in names and "Gov. Jared Polis" in names
    assert found.agency("navy") is None
    assert any("Colorado" in b.route for b in found.non_foia if b.kind == "state_local")


def test_findings_do_not_depend_on_whether_the_combined_scan_was_built(monkeypatch):
    """A short article is scanned in full until the process has built the combined scan
    (a long article builds it); the findings must be the same either way."""
    import weakref
    from pathlib import Path

    from foia_desk.extract import scan

    folder = Path(__file__).parent / "articles"
    texts = [path.read_text("utf-8") for path in sorted(folder.glob("*/*.txt"))[:8]]
    assert texts
    monkeypatch.setattr(scan, "_CACHE", weakref.WeakKeyDictionary())
    full = [extract(text, date(2025, 6, 3)).to_dict() for text in texts]
    assert not scan._CACHE  # short texts did not build it
    extract("The FBI said. " * 9000)  # a long text builds it
    assert scan._CACHE
    assert [extract(text, date(2025, 6, 3)).to_dict() for text in texts] == full


def test_va_health_and_benefits_administrations_are_components_of_va():
    found = extract("The Veterans Health Administration said wait times fell, while the VBA "
                    "blamed a backlog of disability claims.").to_dict()
    roles = {a["id"]: (a["role"], a["parent"]) for a in found["agencies"]}
    assert roles["vha"] == ("mentioned", "va") and roles["vba"] == ("mentioned", "va")
    assert roles["va"][0] == "parent"  # suggested, not claimed as named
