"""The disputes service: reconsiderations, disagreement resolution, advocacy and appeals to the
Education Tribunal for Wales.
"""
