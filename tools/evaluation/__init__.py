"""Shared pieces of Pith's evaluation commands (tools/eval-summary, tools/summary-quality,
tools/eval-dedupe, tools/summary-data): reading the corpora, grouping them into folds,
running the CLI, and the statistics. Standard library only."""
