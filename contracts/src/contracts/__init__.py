"""Llwybr's public contracts: topics, the CloudEvents envelope and versioned integration events.

Importing the package registers every integration event (each service's module is imported
here as it lands).
"""

from contracts import determination as determination
from contracts import disputes as disputes
from contracts import idp as idp
from contracts import notifications as notifications
