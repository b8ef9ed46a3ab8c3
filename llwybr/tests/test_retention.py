"""Retention schedules and legal hold (issue 23): pure verdicts from the facts."""

from datetime import date

from llwybr.personal_data.retention import Holding, RecordKind, judge, monthly_report

BORN = date(2010, 5, 2)


def aln(closed_on: date | None = date(2028, 7, 20), holds: tuple[str, ...] = ()) -> Holding:
    return Holding("l-1", RecordKind.ALN_FILE, BORN, closed_on, holds)


def test_an_aln_file_falls_due_on_the_learners_25th_birthday() -> None:
    assert judge(aln(), date(2035, 5, 1)).status == "not-due"
    verdict = judge(aln(), date(2035, 5, 2))
    assert (verdict.status, verdict.due_on, verdict.schedule) == ("due", date(2035, 5, 2),
                                                                  "aln-file-25")  # fmt: skip


def test_an_open_case_is_never_due() -> None:
    assert judge(aln(closed_on=None), date(2060, 1, 1)).status == "open"


def test_a_case_closed_after_the_25th_birthday_is_due_from_its_closure() -> None:
    late = aln(closed_on=date(2036, 1, 10))
    assert judge(late, date(2036, 1, 10)).due_on == date(2036, 1, 10)


def test_a_legal_hold_stops_a_due_erasure_and_lifting_it_lets_it_run() -> None:
    held = judge(aln(holds=("appeal:a-1",)), date(2040, 1, 1))
    assert (held.status, held.holds) == ("held", ("appeal:a-1",))
    assert judge(aln(), date(2040, 1, 1)).status == "due"


def test_a_no_aln_case_is_kept_six_years_from_closure() -> None:
    case = Holding("l-2", RecordKind.NO_ALN, BORN, date(2026, 3, 20))
    assert judge(case, date(2032, 3, 19)).status == "not-due"
    assert judge(case, date(2032, 3, 20)).status == "due"


def test_a_29_february_birthday_falls_due_on_1_march() -> None:
    leap = Holding("l-3", RecordKind.ALN_FILE, date(2008, 2, 29), date(2026, 7, 1))
    assert judge(leap, date(2033, 3, 1)).due_on == date(2033, 3, 1)


def test_the_monthly_report_lists_what_falls_due_and_what_is_held() -> None:
    holdings = [
        aln(),
        Holding("l-4", RecordKind.ALN_FILE, date(2010, 5, 31), date(2028, 7, 20), ("appeal:x",)),
        Holding("l-5", RecordKind.ALN_FILE, date(2010, 6, 1), date(2028, 7, 20)),
    ]
    report = monthly_report(holdings, 2035, 5)
    assert [v.learner_id for v in report.due] == ["l-1"]
    assert [v.learner_id for v in report.held] == ["l-4"]
