#include "pricetable.h"

#include "core/nametable.h"

namespace Orchestrator {

namespace {

// Where one part of a model's name ends and the next begins. Not '.': it
// makes a new version ("gpt-5.6" is not "gpt-5"), not a variant.
bool isBoundary(QChar c)
{
    return c == u'-' || c == u'_' || c == u':' || c == u'@' || c == u'/';
}

// Unknown is stored as NULL.
constexpr std::array<std::pair<CostSource, const char *>, 2> kCostSources{{
    {CostSource::Tool, "tool"},
    {CostSource::PriceTable, "price_table"},
}};

} // namespace

void PriceTable::insert(const QString &model, const ModelPrice &price)
{
    m_prices.insert(model.toLower(), price);
}

void PriceTable::merge(const PriceTable &overrides)
{
    for (auto it = overrides.m_prices.cbegin(); it != overrides.m_prices.cend(); ++it)
        m_prices.insert(it.key(), it.value());
}

const ModelPrice *PriceTable::findExact(const QString &model) const
{
    const ModelPrice *best = nullptr;
    qsizetype bestLength = -1;
    for (auto it = m_prices.cbegin(); it != m_prices.cend(); ++it) {
        const QString &key = it.key();
        if (key.size() <= bestLength || !model.startsWith(key))
            continue;
        if (model.size() > key.size() && !isBoundary(model.at(key.size())) && !isBoundary(key.back()))
            continue;
        best = &it.value();
        bestLength = key.size();
    }
    return best;
}

const ModelPrice *PriceTable::find(const QString &model) const
{
    const QString name = model.trimmed().toLower();
    if (name.isEmpty())
        return nullptr;
    if (const ModelPrice *price = findExact(name))
        return price;
    const qsizetype slash = name.lastIndexOf(u'/');
    if (slash >= 0 && slash + 1 < name.size())
        return findExact(name.mid(slash + 1));
    return nullptr;
}

namespace Pricing {

double cost(const AttemptUsage &usage, const ModelPrice &price)
{
    const qint64 cached = qBound<qint64>(0, usage.cachedInputTokens, usage.inputTokens);
    const double dollars = double(usage.inputTokens - cached) * price.input + double(cached) * price.cachedInput
                           + double(usage.outputTokens) * price.output;
    return dollars / 1e6;
}

AttemptUsage settle(AttemptUsage usage, const QString &model, const PriceTable &prices)
{
    if (usage.costUsd) {
        usage.costSource = CostSource::Tool;
        return usage;
    }
    usage.costSource = CostSource::Unknown;
    if (usage.inputTokens == 0 && usage.outputTokens == 0)
        return usage;
    if (const ModelPrice *price = prices.find(model)) {
        usage.costUsd = cost(usage, *price);
        usage.costSource = CostSource::PriceTable;
    }
    return usage;
}

QString toString(CostSource source) { return NameTable::nameOf(kCostSources, source); }

CostSource costSourceFromString(const QString &text)
{
    return NameTable::valueOf(kCostSources, text).value_or(CostSource::Unknown);
}

} // namespace Pricing

} // namespace Orchestrator
