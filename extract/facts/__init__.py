"""From mentions to facts: which item a figure counts, its status, region, official and date; rows to store."""
