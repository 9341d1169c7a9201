"""The contract tests' figures (schemathesis's case and failure counts, zizmor's findings) shown
in the terminal summary of every run, `-q` or not."""

from __future__ import annotations

SUMMARY: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    if SUMMARY:
        terminalreporter.section("contract")
        for line in SUMMARY:
            terminalreporter.write_line(line)
