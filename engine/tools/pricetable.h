#pragma once

// What AI models cost, per million tokens, and an attempt's cost from its
// tokens when the tool gave no figure of its own. The built-in prices are the
// "prices" of resources/tools/profiles.json; a user's tools file overrides
// them model by model (ToolRegistry::prices()).

#include <QMap>
#include <QString>

#include "core/records.h"

namespace Orchestrator {

// USD per million tokens.
struct ModelPrice
{
    double input = 0;        // uncached input tokens
    double cachedInput = 0;  // input tokens read from a prompt cache
    double output = 0;

    friend bool operator==(const ModelPrice &, const ModelPrice &) = default;
};

class PriceTable final
{
public:
    // Replaces the price of `model` (matched without regard to case).
    void insert(const QString &model, const ModelPrice &price);
    // Every entry of `overrides` replaces (or adds to) this table's.
    void merge(const PriceTable &overrides);

    // The price of `model`: the longest entry that is the model's name or a
    // prefix of it ending where a part of the name does ("gpt-5-codex-2026-01"
    // finds "gpt-5-codex" before "gpt-5"; "gpt-50" and "gpt-5.6" find
    // neither). A
    // provider's prefix ("openai/gpt-5", as aider names models) is dropped
    // when the full name finds nothing. Null when no entry fits.
    const ModelPrice *find(const QString &model) const;

    bool isEmpty() const { return m_prices.isEmpty(); }
    qsizetype size() const { return m_prices.size(); }

private:
    const ModelPrice *findExact(const QString &model) const;

    QMap<QString, ModelPrice> m_prices;  // keys lower case
};

namespace Pricing {

// The cost of `usage` at `price`: uncached input, cached input and output
// tokens each at their rate.
double cost(const AttemptUsage &usage, const ModelPrice &price);

// `usage` with its cost settled: the tool's own figure (CostSource::Tool),
// else an estimate from `prices` for `model` (CostSource::PriceTable), else
// unknown (no cost, CostSource::Unknown). An attempt that used no tokens and
// reported no cost stays unknown.
AttemptUsage settle(AttemptUsage usage, const QString &model, const PriceTable &prices);

// "tool", "price_table"; empty for Unknown. As stored and in JSON.
QString toString(CostSource source);
CostSource costSourceFromString(const QString &text);

} // namespace Pricing

} // namespace Orchestrator
