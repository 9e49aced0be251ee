#pragma once

#include <QList>
#include <QString>

class QLabel;
class QPlainTextEdit;

namespace Orchestrator::Ui {

// Find in a read-only text view (the log, a diff): every match of a text
// highlighted, case-insensitive, the current one selected and scrolled to,
// and "2 of 7" / "No matches" in a label. Positions are those of the
// document when update() ran: a view whose text changes calls update() again.
class TextSearch final
{
public:
    TextSearch(QPlainTextEdit *view, QLabel *countLabel, int maxMatches);

    // Finds `needle` (empty: nothing). `fromView`: the current match is the
    // first at or below the top of the view, and is scrolled to; otherwise
    // the current index is kept (clamped) and the view does not move.
    void update(const QString &needle, bool fromView);
    // Forgets the matches and clears the highlights (the text is replaced).
    void clear();
    // Wrap around; false without matches.
    bool next();
    bool previous();

    int count() const { return int(m_matches.size()); }
    int current() const { return m_current; } // -1 without matches

private:
    struct Match
    {
        int position = 0;
        int length = 0;
    };

    void showCurrent();
    void highlight();

    QPlainTextEdit *m_view;
    QLabel *m_label;
    int m_maxMatches;
    QString m_needle;
    QList<Match> m_matches;
    int m_current = -1;
};

} // namespace Orchestrator::Ui
