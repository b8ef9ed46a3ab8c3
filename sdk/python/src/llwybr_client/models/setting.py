from enum import StrEnum


class Setting(StrEnum):
    DETAINED = "detained"
    EARLY_YEARS = "early_years"
    EDUCATED_OTHERWISE = "educated_otherwise"
    FURTHER_EDUCATION = "further_education"
    HOME_EDUCATED = "home_educated"
    INDEPENDENT_SCHOOL = "independent_school"
    MAINTAINED_SCHOOL = "maintained_school"
    NOT_IN_EDUCATION = "not_in_education"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit"

    def __str__(self) -> str:
        return str(self.value)
