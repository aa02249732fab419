"""Later references that point back to something already named: outlets, courts, events."""

from __future__ import annotations

from foia_desk.extract import extract


def _bodies(text: str) -> dict[str, list[str]]:
    return {b.name: [m.text for m in b.mentions] for b in extract(text).non_foia}


def test_the_outlet_joins_the_outlet_named_before_it():
    text = ("The Denver Post reported that FEMA delayed payments. A FEMA official told the "
            "outlet that the backlog was cleared. A second person told the newspaper the same.")
    assert list(_bodies(text).values()) == [["Denver Post", "outlet", "newspaper"]]
    named = ("The Washington Post said ICE asked for data. According to the Post, the agency "
             "also told the outlet it had no comment.")
    assert _bodies(named) == {"The Washington Post": ["Washington Post", "Post", "outlet"]}


def test_the_outlet_without_a_named_outlet_is_no_body():
    text = "A FEMA official told the outlet that the backlog was cleared by the agency."
    assert not [b for b in extract(text).non_foia if b.kind == "news_media"]


def test_generic_court_words_join_the_court_named_in_the_article():
    text = ("A lawsuit in U.S. District Court in Chicago challenges the ICE policy. The judge "
            "asked ICE for its records, and the courts have not ruled on the question.")
    courts = [b for b in extract(text).non_foia if b.kind == "court"]
    assert len(courts) == 1
    assert {"judge", "the courts"} <= {m.text for m in courts[0].mentions}


def test_generic_court_words_alone_stay_one_generic_entry():
    text = "ICE says the courts, not the agency, decide where a detainee is held and the judge."
    courts = [b for b in extract(text).non_foia if b.kind == "court"]
    assert [c.name for c in courts] == ["Federal and state courts"]


def test_official_handles_name_their_agency():
    findings = extract("Officers from @DHSgov and @ICEgov took part, the post said.")
    assert {"dhs", "ice"} <= set(findings.mentioned_ids())
    assert "ice" not in extract("Mail it to @Icemaker today.").mentioned_ids()


def _raid(findings):
    return next(t for t in findings.topics if t.text.startswith("Records about the raid in"))


def test_event_gathers_agencies_from_its_continuation_and_place_sentences():
    text = ("FBI agents raided a warehouse in Tulsa on Monday. They were joined by the ATF, "
            "which made the arrests.\n\nThe IRS has also changed its refund rules this year.\n\n"
            "Residents of Tulsa said DEA agents guarded the doors.")
    raid = _raid(extract(text))
    assert raid.agencies[:1] == ["fbi"]
    assert {"atf", "dea"} <= set(raid.agencies)
    assert "irs" not in raid.agencies  # another story, in another paragraph


def test_event_skips_a_next_sentence_that_moves_on():
    text = ("FBI agents raided a warehouse in Tulsa on Monday. The IRS separately changed its "
            "refund rules.")
    assert "irs" not in _raid(extract(text)).agencies


def test_event_joins_the_count_repeated_and_an_embedded_post_about_its_place():
    text = ("A video shows FBI agents at a raid in Tulsa on Sunday. Separately, the "
            "ATF said that 37 people were arrested.\n\nOther news followed.\n\n"
            "Busting up the club in Tulsa ended with 37 arrests. #DEA partners and @DHSgov "
            "put them on buses.\n\n— DEA Tulsa (@DEATulsa) April 27, 2025\n")
    raid = _raid(extract(text))
    assert {"fbi", "atf", "dea", "dhs"} <= set(raid.agencies)


def test_sender_named_in_full_not_by_its_last_word():
    topics = extract("The State Department sent a cable to embassies in March.").topics
    cable = next(t for t in topics if "cable" in t.text)
    assert "from the Department of State to embassies" in cable.text
    topics = extract("The Justice Department sent a memo to prosecutors about the rule.").topics
    memo = next(t for t in topics if "memo" in t.text)
    assert "from DOJ to prosecutors" in memo.text


def test_catch_all_without_a_headline_quotes_the_opening_whole():
    text = ("The SSA said its contract with OPM runs through Sept. 30, and the agency is "
            "reviewing it.")
    last = extract(text).topics[-1]
    assert last.text.startswith("Other records about")
    assert last.text.endswith("the agency is reviewing it”")


def _mention_texts(text: str, agency_id: str) -> list[str]:
    found = extract(text).agency(agency_id)
    return [m.text for m in found.mentions] if found else []


def test_the_bureau_counts_only_with_one_clear_bureau_antecedent():
    clear = ("The Federal Bureau of Investigation opened an inquiry in May. The bureau said "
             "it had interviewed 40 people.")
    assert _mention_texts(clear, "fbi") == ["Federal Bureau of Investigation", "bureau"]
    two = "The FBI and the IRS opened an inquiry. The bureau said it had interviewed people."
    assert _mention_texts(two, "fbi") == ["FBI"]
    far = "The FBI opened an inquiry. Later the DEA joined. Then nothing. The bureau said no."
    assert _mention_texts(far, "fbi") == ["FBI"] and _mention_texts(far, "dea") == ["DEA"]
    not_bureau = "The DEA opened an inquiry in May. The bureau said it had interviewed people."
    assert _mention_texts(not_bureau, "dea") == ["DEA"]
