#include "wizard/conversionsession.h"

#include <algorithm>

namespace Orchestrator::Ui {

ConversionSession::ConversionSession(QObject *parent)
    : QObject(parent)
{
}

bool ConversionSession::isPending(int row) const
{
    const Convert::SourceFile &source = m_sources.at(row);
    return !source.workstream && source.error.isEmpty();
}

bool ConversionSession::isUsable(int row) const
{
    const Convert::SourceFile &source = m_sources.at(row);
    return source.workstream && !source.excluded;
}

int ConversionSession::parsedCount() const
{
    return int(std::count_if(m_sources.cbegin(), m_sources.cend(),
                             [](const Convert::SourceFile &source) { return source.workstream.has_value(); }));
}

int ConversionSession::brokenCount() const
{
    return int(std::count_if(m_sources.cbegin(), m_sources.cend(),
                             [](const Convert::SourceFile &source) { return !source.workstream && !source.error.isEmpty(); }));
}

int ConversionSession::pendingCount() const
{
    return count() - parsedCount() - brokenCount();
}

QStringList ConversionSession::addPending(const QStringList &files)
{
    QStringList added;
    for (const QString &file : files) {
        if (m_rows.contains(file) || added.contains(file))
            continue;
        added.append(file);
    }
    if (added.isEmpty())
        return added;
    const int first = count();
    Q_EMIT sourcesAboutToBeInserted(first, first + int(added.size()) - 1);
    for (const QString &file : std::as_const(added)) {
        m_rows.insert(file, count());
        Convert::SourceFile source;
        source.file = file;
        m_sources.append(source);
    }
    Q_EMIT sourcesInserted(first, count() - 1);
    invalidate();
    return added;
}

void ConversionSession::setParsed(const QList<Convert::SourceFile> &parsed)
{
    int first = -1;
    int last = -1;
    for (const Convert::SourceFile &source : parsed) {
        const int row = rowOf(source.file);
        if (row < 0)
            continue;
        Convert::SourceFile updated = source;
        // A broken file cannot be used; a good one keeps the user's choice.
        updated.excluded = updated.workstream ? m_sources.at(row).excluded : true;
        m_sources[row] = updated;
        first = first < 0 ? row : std::min(first, row);
        last = std::max(last, row);
    }
    if (first < 0)
        return;
    Q_EMIT sourcesChanged(first, last);
    invalidate();
}

void ConversionSession::removeAt(int row)
{
    if (row < 0 || row >= count())
        return;
    Q_EMIT sourceAboutToBeRemoved(row);
    m_rows.remove(m_sources.at(row).file);
    m_sources.removeAt(row);
    reindexFrom(row);
    Q_EMIT sourceRemoved(row);
    invalidate();
}

void ConversionSession::setExcluded(int row, bool excluded)
{
    Convert::SourceFile &source = m_sources[row];
    // Broken files stay out whatever is asked.
    const bool value = source.workstream ? excluded : true;
    if (source.excluded == value)
        return;
    source.excluded = value;
    Q_EMIT sourcesChanged(row, row);
    invalidate();
}

void ConversionSession::setTool(int row, const QString &tool)
{
    Convert::SourceFile &source = m_sources[row];
    if (!source.workstream || source.workstream->tool == tool)
        return;
    source.workstream->tool = tool;
    Q_EMIT sourcesChanged(row, row);
    invalidate();
}

void ConversionSession::setPriority(int row, std::optional<Priority> priority)
{
    Convert::SourceFile &source = m_sources[row];
    if (!source.workstream || source.workstream->priority == priority)
        return;
    source.workstream->priority = priority;
    Q_EMIT sourcesChanged(row, row);
    invalidate();
}

void ConversionSession::setOptions(const Convert::Options &options)
{
    m_options = options;
    invalidate();
}

const Convert::Plan &ConversionSession::plan() const
{
    if (!m_plan)
        m_plan = Convert::plan(m_sources, m_options);
    return *m_plan;
}

void ConversionSession::invalidate()
{
    m_plan.reset();
    Q_EMIT planChanged();
}

void ConversionSession::reindexFrom(int row)
{
    for (int i = row; i < count(); ++i)
        m_rows.insert(m_sources.at(i).file, i);
}

} // namespace Orchestrator::Ui
