"""The idp service: prepares, issues, reviews, revises, transfers and ceases Individual Development
Plans.
"""
