"""A bundle names the Welsh public bodies from the one register (#18): an LA or health board with
no name registered for its notices is named as the register names it, in both languages."""

from gateway.bundle.readable import Names, organisation_name


def test_an_la_with_no_registered_name_is_named_from_the_register() -> None:
    name = organisation_name("la:665", Names())
    assert (name.en, name.cy) == (
        "Wrexham County Borough Council",
        "Cyngor Bwrdeistref Sirol Wrecsam",
    )


def test_a_school_with_no_registered_name_is_its_kind_and_number() -> None:
    name = organisation_name("school:6652001", Names())
    assert name.en == "School 6652001"
