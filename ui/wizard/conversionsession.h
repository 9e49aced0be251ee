#pragma once

#include <optional>

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "convert/conversion.h"

namespace Orchestrator::Ui {

// What the conversion wizard's pages share: the source files in the order
// they were added (pending, parsed or broken, with the user's exclusions and
// edits), the mapping options, and the plan both give. Every page reads and
// edits through here, so a change on one page reaches the others' views.
class ConversionSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversionSession)

public:
    explicit ConversionSession(QObject *parent = nullptr);

    const QList<Convert::SourceFile> &sources() const { return m_sources; }
    int count() const { return int(m_sources.size()); }
    int rowOf(const QString &file) const { return m_rows.value(file, -1); }
    // Neither parsed nor failed yet.
    bool isPending(int row) const;
    bool isUsable(int row) const;
    int parsedCount() const;        // parsed without errors, excluded or not
    int brokenCount() const;
    int pendingCount() const;

    // Appends the files not known yet, as pending; returns those appended.
    QStringList addPending(const QStringList &files);
    // Results of parsing; files removed meanwhile are ignored. A file keeps
    // the user's exclusion when it is parsed again.
    void setParsed(const QList<Convert::SourceFile> &parsed);
    void removeAt(int row);

    void setExcluded(int row, bool excluded);
    void setTool(int row, const QString &tool);
    void setPriority(int row, std::optional<Priority> priority);

    const Convert::Options &options() const { return m_options; }
    void setOptions(const Convert::Options &options);

    // Worked out again only after a change.
    const Convert::Plan &plan() const;

Q_SIGNALS:
    // Around appending rows first..last, as item models need them.
    void sourcesAboutToBeInserted(int first, int last);
    void sourcesInserted(int first, int last);
    void sourceAboutToBeRemoved(int row);
    void sourceRemoved(int row);
    void sourcesChanged(int first, int last);
    // Sources or options changed: the plan is different.
    void planChanged();

private:
    void invalidate();
    void reindexFrom(int row);

    QList<Convert::SourceFile> m_sources;
    QHash<QString, int> m_rows;
    Convert::Options m_options;
    mutable std::optional<Convert::Plan> m_plan;
};

} // namespace Orchestrator::Ui
