#include "models/usagewords.h"

#include <QLocale>

namespace Orchestrator::Ui {

void UsageTotal::add(const AttemptUsage &usage, int sign)
{
    if (usage.isEmpty())
        return;
    inputTokens += sign * usage.inputTokens;
    cachedInputTokens += sign * usage.cachedInputTokens;
    outputTokens += sign * usage.outputTokens;
    jobsWithUsage += sign;
    if (usage.costUsd)
        costUsd += sign * *usage.costUsd;
    else
        jobsWithUnknownCost += sign;
}

QString UsageWords::count(qint64 tokens)
{
    const QLocale locale;
    if (tokens < 1000)
        return locale.toString(tokens);
    if (tokens < 1000 * 1000)
        //: thousands of tokens: "12.3k"
        return tr("%1k").arg(locale.toString(double(tokens) / 1e3, 'f', tokens < 100 * 1000 ? 1 : 0));
    //: millions of tokens: "4.2M"
    return tr("%1M").arg(locale.toString(double(tokens) / 1e6, 'f', tokens < 100 * 1000 * 1000 ? 1 : 0));
}

QString UsageWords::tokens(qint64 input, qint64 output)
{
    if (input == 0 && output == 0)
        return {};
    //: tokens read and written by an AI tool: "12.3k in · 2.1k out"
    return tr("%1 in · %2 out").arg(count(input), count(output));
}

QString UsageWords::tokens(const AttemptUsage &usage)
{
    return tokens(usage.inputTokens, usage.outputTokens);
}

QString UsageWords::dollars(double usd)
{
    //: a cost in US dollars: "$0.42"
    return tr("$%1").arg(QLocale().toString(usd, 'f', 2));
}

QString UsageWords::cost(const AttemptUsage &usage)
{
    if (usage.costUsd)
        return dollars(*usage.costUsd);
    return usage.isEmpty() ? QStringLiteral("—") : QStringLiteral("?");
}

QString UsageWords::cost(const UsageTotal &total)
{
    if (total.isEmpty())
        return {};
    if (total.jobsWithUnknownCost == total.jobsWithUsage)
        return QStringLiteral("?");
    //: a total cost to which jobs of unknown cost add more: "$1.27 + ?"
    return total.jobsWithUnknownCost > 0 ? tr("%1 + ?").arg(dollars(total.costUsd)) : dollars(total.costUsd);
}

QString UsageWords::unknownCost()
{
    return tr("Cost unknown: the tool reported none, and its model has no price in the tools file.");
}

QString UsageWords::details(const AttemptUsage &usage)
{
    if (usage.isEmpty())
        return {};
    const QLocale locale;
    QString text = tr("%1 input tokens (%2 cached), %3 output tokens")
                       .arg(locale.toString(usage.inputTokens), locale.toString(usage.cachedInputTokens),
                            locale.toString(usage.outputTokens));
    if (usage.costUsd)
        return text + QStringLiteral(", $") + locale.toString(*usage.costUsd, 'f', 4);
    return text + QLatin1Char('\n') + unknownCost();
}

QString UsageWords::details(const UsageTotal &total)
{
    if (total.isEmpty())
        return {};
    AttemptUsage sum;
    sum.inputTokens = total.inputTokens;
    sum.cachedInputTokens = total.cachedInputTokens;
    sum.outputTokens = total.outputTokens;
    if (total.jobsWithUnknownCost < total.jobsWithUsage)
        sum.costUsd = total.costUsd;
    QString text = tr("%n job(s) of AI tools: ", "", total.jobsWithUsage) + details(sum);
    if (total.jobsWithUnknownCost > 0 && sum.costUsd)
        text += QLatin1Char('\n') + tr("%n job(s) of unknown cost not included.", "", total.jobsWithUnknownCost);
    return text;
}

} // namespace Orchestrator::Ui
