from enum import StrEnum


class Unit(StrEnum):
    DAYS = "days"
    MONTHS = "months"
    SCHOOL_DAYS = "school_days"
    TERM_TIME_DAYS = "term_time_days"
    WEEKS = "weeks"
    WORKING_DAYS = "working_days"

    def __str__(self) -> str:
        return str(self.value)
