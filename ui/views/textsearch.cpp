#include "textsearch.h"

#include <QCoreApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextDocument>

namespace Orchestrator::Ui {

TextSearch::TextSearch(QPlainTextEdit *view, QLabel *countLabel, int maxMatches)
    : m_view(view)
    , m_label(countLabel)
    , m_maxMatches(maxMatches)
{
}

void TextSearch::update(const QString &needle, bool fromView)
{
    m_needle = needle;
    m_matches.clear();
    if (!needle.isEmpty()) {
        const QString text = m_view->document()->toPlainText();
        qsizetype from = 0;
        while (m_matches.size() < m_maxMatches) {
            const qsizetype at = text.indexOf(needle, from, Qt::CaseInsensitive);
            if (at < 0)
                break;
            m_matches.append(Match{int(at), int(needle.size())});
            from = at + needle.size();
        }
    }
    if (m_matches.isEmpty()) {
        m_current = -1;
    } else if (fromView) {
        // Start from what is on screen: the first match at or below its top.
        const int top = m_view->cursorForPosition(QPoint(0, 0)).position();
        m_current = int(m_matches.size()) - 1;
        for (int i = 0; i < m_matches.size(); ++i) {
            if (m_matches.at(i).position >= top) {
                m_current = i;
                break;
            }
        }
    } else {
        m_current = qBound(0, m_current, int(m_matches.size()) - 1);
    }
    highlight();
    if (fromView)
        showCurrent();
}

void TextSearch::clear()
{
    m_matches.clear();
    m_current = -1;
    m_view->setExtraSelections({});
}

bool TextSearch::next()
{
    if (m_matches.isEmpty())
        return false;
    m_current = (m_current + 1) % int(m_matches.size());
    highlight();
    showCurrent();
    return true;
}

bool TextSearch::previous()
{
    if (m_matches.isEmpty())
        return false;
    m_current = (m_current - 1 + int(m_matches.size())) % int(m_matches.size());
    highlight();
    showCurrent();
    return true;
}

void TextSearch::showCurrent()
{
    if (m_current < 0)
        return;
    const Match &match = m_matches.at(m_current);
    QTextCursor cursor(m_view->document());
    cursor.setPosition(match.position);
    cursor.setPosition(match.position + match.length, QTextCursor::KeepAnchor);
    m_view->setTextCursor(cursor);
    m_view->ensureCursorVisible();
}

void TextSearch::highlight()
{
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(m_matches.size());
    for (int i = 0; i < m_matches.size(); ++i) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_view->document());
        selection.cursor.setPosition(m_matches.at(i).position);
        selection.cursor.setPosition(m_matches.at(i).position + m_matches.at(i).length, QTextCursor::KeepAnchor);
        // The same yellows in either palette, with black text on them.
        selection.format.setBackground(i == m_current ? QColor(255, 150, 50) : QColor(255, 235, 120));
        selection.format.setForeground(QColor(Qt::black));
        selections.append(selection);
    }
    m_view->setExtraSelections(selections);

    if (m_needle.isEmpty())
        m_label->clear();
    else if (m_matches.isEmpty())
        m_label->setText(QCoreApplication::translate("Orchestrator::Ui::TextSearch", "No matches"));
    else
        m_label->setText(QCoreApplication::translate("Orchestrator::Ui::TextSearch", "%1 of %2").arg(m_current + 1).arg(m_matches.size()));
}

} // namespace Orchestrator::Ui
