from enum import StrEnum


class TransferReason(StrEnum):
    BECOMES_LOOKED_AFTER = "becomes_looked_after"
    CEASES_LOOKED_AFTER = "ceases_looked_after"
    DUAL_REGISTRATION = "dual_registration"
    LA_DIRECTION = "la_direction"
    LA_TAKE_OVER = "la_take_over"
    LA_TO_FEI = "la_to_fei"
    SCHOOL_MOVE = "school_move"

    def __str__(self) -> str:
        return str(self.value)
