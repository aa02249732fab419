"""Decision topics: an agency as the subject of an action verb ("the Forest Service cut ...")."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import foia_desk.extract.topics as topics_module
from foia_desk.extract import extract
from foia_desk.extract.cues import load_cues

ROOT = Path(__file__).resolve().parents[1]
TAIL = ", including memos, plans, approvals and communications about it"


def decisions(text: str, article_date: date | None = date(2026, 1, 5)) -> list[dict]:
    return [t for t in extract(text, article_date).to_dict()["topics"]
            if t["kind"] == "decision"]


def described(text: str) -> list[str]:
    return [t["text"].removesuffix(TAIL) for t in decisions(text)]


def test_agency_cutting_staff_becomes_a_decision_request() -> None:
    text = ("Firefighters in southern Montana say the U.S. Forest Service cut seasonal crews by "
            "a third last year, and they want the agency's staffing plans made public.")
    found = decisions(text)
    assert len(found) == 1
    topic = found[0]
    assert topic["text"] == f"Records about the USFS decision to cut seasonal crews{TAIL}"
    assert topic["agencies"] == ["usfs"]
    assert topic["date_range"] == ["2025-01-01", "2025-12-31"]  # "last year" from 2026
    mention = topic["mentions"][0]
    assert text[mention["start"]:mention["end"]] == mention["text"]
    assert mention["text"].startswith("Firefighters")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The FBI quietly halted its review of the Denver field office in March 2024.",
     "Records about the FBI decision to halt its review of the Denver field office"),
    ("The FBI said it halted the surveillance of the protest groups last week.",
     "Records about the FBI decision to halt the surveillance of the protest groups"),
    ("The Bureau of Prisons said on Monday that the agency had reassigned 40 guards to the "
     "Dublin facility.",
     "Records about the BOP decision to reassign 40 guards to the Dublin facility"),
    ("Officials at the Department of Veterans Affairs closed three clinics in Ohio because "
     "of staffing shortages.",
     "Records about the VA decision to close three clinics in Ohio"),
    ("The Transportation Security Administration (TSA) expanded screening lanes to 30 "
     "airports, according to the agency.",
     "Records about the TSA decision to expand screening lanes to 30 airports"),
    ("The Postal Service shut down two processing plants in Colorado last year.",
     "Records about the USPS decision to shut down two processing plants in Colorado"),
    ("ICE began to detain people at courthouses in 2025.",
     "Records about the ICE decision to detain people at courthouses"),
    ("The EPA and the Department of Energy paused the review.",
     "Records about the EPA and DOE decision to pause the review"),
])
def test_agency_subject_with_its_action_is_described(sentence: str, expected: str) -> None:
    assert described(sentence) == [expected]


def test_dates_in_the_sentence_bound_the_request() -> None:
    found = decisions("The FBI quietly halted its review of the Denver field office in "
                      "March 2024.")
    assert found[0]["date_range"] == ["2024-03-01", "2024-03-31"]


def test_compound_subject_lists_both_agencies() -> None:
    assert decisions("The EPA and the Department of Energy paused the review.")[0][
        "agencies"] == ["epa", "doe"]


@pytest.mark.parametrize("sentence", [
    # Negated: the article says the action was not taken (documented choice: no request).
    "The IRS did not cut the audit staff, officials said.",
    "The IRS never approved the data transfer.",
    # The agency is the object, not the one acting.
    "Congress cut the EPA budget by a third.",
    "A lawsuit against the EPA halted the rule.",
    "Senators asked the FBI whether it halted the program.",
    # Someone else speaks or acts.
    "\"We cut the crews,\" said Jane Doe, a former Forest Service supervisor.",
    "Jane Doe, a former FBI agent, closed her consulting firm in 2024.",
    "Immigration officials halted the flights.",  # an informal reference, not a named agency
    # A reaction, not a decision.
    "The FBI denied any wrongdoing.",
    # No object, or the object came first ("the agents the FBI fired").
    "The Forest Service cut.",
    "The agents the FBI fired sued the bureau in federal court.",
])
def test_no_decision_when_the_agency_did_not_act(sentence: str) -> None:
    assert decisions(sentence) == []


def test_sentence_already_covered_for_the_agency_is_not_repeated() -> None:
    found = extract("The IRS revoked the agreement with ICE.").to_dict()["topics"]
    kinds = [t["kind"] for t in found]
    assert "policy" in kinds and "decision" not in kinds


def test_every_listed_verb_is_recognised_with_its_base_form() -> None:
    verbs = load_cues().raw["decisions"]["verbs"]
    assert {"cut", "halted", "suspended", "approved", "rescinded"} <= set(verbs)
    for written, base in verbs.items():
        got = described(f"The Federal Aviation Administration {written} the hiring plan.")
        assert got == [f"Records about the FAA decision to {base} the hiring plan"], written


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt"))
                         + sorted((ROOT / "tests" / "articles" / "dev").glob("*.txt")))
def test_other_topics_are_unchanged_by_decisions(path: Path, monkeypatch) -> None:
    text = path.read_text("utf-8")
    with_decisions = extract(text, date(2025, 6, 1)).to_dict()["topics"]
    monkeypatch.setattr(topics_module, "find_decisions", lambda *args: [])
    without = extract(text, date(2025, 6, 1)).to_dict()["topics"]

    def strip(found: list[dict]) -> list[dict]:
        return [{k: v for k, v in t.items() if k != "id"} for t in found
                if t["kind"] != "decision"]

    assert strip(with_decisions) == strip(without)


@pytest.mark.parametrize("sentence", [
    "The rule the EPA rescinded allowed plants to discharge more.",
    "The program the Department of Labor ended last year helped older workers.",
])
def test_clause_about_something_else_is_not_a_decision_request(sentence: str) -> None:
    assert decisions(sentence) == []


def test_dropping_charges_is_a_decision() -> None:
    assert described("The Justice Department dropped the charges against the two activists.") \
        == ["Records about the DOJ decision to drop the charges against the two activists"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Federal Aviation Administration is reviewing staffing at the Harrisburg tower, "
     "the agency said.", ["Records about the FAA decision to review staffing at the "
                          "Harrisburg tower"]),
    ("Immigration and Customs Enforcement plans to expand detention at county jails.",
     ["Records about the ICE decision to expand detention at county jails"]),
    ("The Drug Enforcement Administration will quietly close its Tucson field office.",
     ["Records about the DEA decision to close its Tucson field office"]),
    ("The FBI said on Monday it is investigating the shooting at the depot.",
     ["Records about the FBI decision to investigate the shooting at the depot"]),
])
def test_ongoing_and_announced_actions_are_decisions(text: str, expected: list[str]) -> None:
    assert described(text) == expected


@pytest.mark.parametrize("text", [
    "The FAA review found no fault with the tower crew.",            # "review" is a noun
    "The DEA will not close its Tucson field office, a spokesman said.",  # negated
    "The DEA would close its Tucson field office if the budget were cut.",  # might
    "Officials say the FBI add agents every year.",                     # no "will"
    "The FAA was reviewing.",                                           # no object
])
def test_nouns_negations_and_conditionals_are_not_decisions(text: str) -> None:
    assert described(text) == []


def test_a_headline_restating_a_decision_joins_the_fuller_one() -> None:
    text = ("VA plans to close rural clinics as watchdog flags wait times\n\n"
            "The Department of Veterans Affairs will close three rural clinics in northern "
            "New Mexico by next spring, officials said on Thursday.")
    found = decisions(text)
    assert [t["text"].removesuffix(TAIL) for t in found] == [
        "Records about the VA decision to close three rural clinics in northern New Mexico"]
    evidence = [m["text"] for m in found[0]["mentions"]]
    assert evidence[0].startswith("VA plans") and evidence[1].startswith("The Department")


def test_a_verb_before_a_policy_noun_is_not_part_of_its_name() -> None:
    text = ("The VA said it is reviewing contracts with community providers to absorb the "
            "patients.")
    policies = [t["text"] for t in extract(text).to_dict()["topics"] if t["kind"] == "policy"]
    assert policies and all("reviewing" not in p for p in policies)
    assert policies[0].startswith("Records of the VA contracts with community providers")


def test_a_sentence_citing_a_rule_still_gives_its_decision() -> None:
    text = ("U.S. Customs and Border Protection will add facial recognition cameras to "
            "departure gates at 14 more airports, even as a watchdog said it kept photographs "
            "longer than its own rules allow.")
    assert described(text) == ["Records about the CBP decision to add facial recognition "
                               "cameras to departure gates at 14 more airports"]


def test_what_a_report_found_reads_through_initials() -> None:
    text = ("A report from the Department of Homeland Security's Office of Inspector General "
            "found that images of U.S. citizens were kept for weeks.")
    reports = [t["text"] for t in extract(text).to_dict()["topics"]
               if t["kind"] == "communication"]
    assert any("images of U.S. citizens were kept for weeks" in r for r in reports), reports
