"""The determination service: decides whether a learner has ALN: concerns raised, evidence
(including from NHS bodies), referrals, decisions on the statutory clock, and their notices.
"""
