#pragma once

#include <QCoreApplication>
#include <QString>

#include "core/records.h"

namespace Orchestrator::Ui {

// What AI tools used, added up over jobs (a workstream, a run): tokens, the
// cost of the jobs whose cost is known, and how many used tokens at an
// unknown cost.
struct UsageTotal
{
    qint64 inputTokens = 0;
    qint64 cachedInputTokens = 0;
    qint64 outputTokens = 0;
    double costUsd = 0;
    int jobsWithUsage = 0;
    int jobsWithUnknownCost = 0;   // tokens but no cost (no price for the model)

    void add(const Orchestrator::AttemptUsage &usage, int sign);
    bool isEmpty() const { return jobsWithUsage == 0; }
};

// The words of tokens and cost, the same wherever they are shown: the jobs
// table's Tokens and Cost columns, the workstream tree, the timeline's
// summary. Numbers follow the locale ("12.3k" in English, "12,3k" in German).
class UsageWords final
{
    Q_DECLARE_TR_FUNCTIONS(Orchestrator::Ui::UsageWords)

public:
    // "950", "12.3k", "4.2M".
    static QString count(qint64 tokens);
    // "12.3k in · 2.1k out"; empty without tokens.
    static QString tokens(qint64 input, qint64 output);
    static QString tokens(const Orchestrator::AttemptUsage &usage);
    // "$0.42"; "—" without tokens or cost; "?" for tokens at an unknown cost.
    static QString cost(const Orchestrator::AttemptUsage &usage);
    // "$1.27", "$1.27 + ?" when some jobs' cost is unknown; empty without usage.
    static QString cost(const UsageTotal &total);
    static QString dollars(double usd);
    // Every figure in full: "12,345 input tokens (11,000 cached), 2,100 output tokens, $0.4212".
    static QString details(const Orchestrator::AttemptUsage &usage);
    static QString details(const UsageTotal &total);
    // Why a cost is "?".
    static QString unknownCost();
};

} // namespace Orchestrator::Ui
