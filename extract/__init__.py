"""medfacts: rule-based extraction of healthcare-resource facts from Kazakh news.

Data flows one way: sources → fetch → text → language → spaCy doc → mentions
→ facts → warehouse.  Each arrow lives in one module of this package.
"""

__version__ = "0.1.0"
