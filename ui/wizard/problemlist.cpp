#include "wizard/problemlist.h"

#include <algorithm>

#include <QEvent>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollBar>

#include "wizard/wizardstyle.h"

namespace Orchestrator::Ui {

ProblemList::ProblemList(const QString &labelName, int maxLines, QWidget *parent)
    : QScrollArea(parent)
    , m_maxLines(maxLines)
{
    setObjectName(labelName + QLatin1String("Area"));
    m_label = new QLabel(this);
    m_label->setObjectName(labelName);
    // Messages quote ids, paths and JSON: never rich text.
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_label->setContentsMargins(4, 2, 4, 2);
    setWidget(m_label);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    applyTone();
    hide();
}

void ProblemList::setProblems(const QStringList &lines)
{
    if (lines == m_lines)
        return;
    m_lines = lines;
    const QString text = lines.join(QLatin1Char('\n'));
    m_label->setText(text);
    setToolTip(lines.size() > m_maxLines ? tr("%n message(s); scroll to see them all", nullptr, int(lines.size())) : QString());
    m_label->setAccessibleDescription(text);
    setVisible(!lines.isEmpty());
    updateGeometry();
}

void ProblemList::setTone(Tone tone)
{
    m_tone = tone;
    applyTone();
}

int ProblemList::contentHeight(int width) const
{
    const int text = m_label->heightForWidth(std::max(width, 1));
    const int bound = m_label->fontMetrics().lineSpacing() * m_maxLines + m_label->contentsMargins().top()
                      + m_label->contentsMargins().bottom();
    return std::min(text > 0 ? text : m_label->sizeHint().height(), bound) + 2 * frameWidth();
}

QSize ProblemList::sizeHint() const
{
    // As tall as the messages, up to maxLines of them; as wide as the page allows.
    const int width = viewport()->width() > 1 ? viewport()->width() : fontMetrics().averageCharWidth() * 60;
    return {fontMetrics().averageCharWidth() * 20, contentHeight(width)};
}

QSize ProblemList::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 10, std::min(sizeHint().height(), fontMetrics().lineSpacing() * 2 + 2 * frameWidth())};
}

void ProblemList::resizeEvent(QResizeEvent *event)
{
    QScrollArea::resizeEvent(event);
    // The text wraps differently at another width: ask for the height that fits it.
    if (event->size().width() != event->oldSize().width())
        updateGeometry();
}

void ProblemList::changeEvent(QEvent *event)
{
    QScrollArea::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        applyTone();
}

void ProblemList::applyTone()
{
    QPalette palette = m_label->palette();
    palette.setColor(QPalette::WindowText, m_tone == Tone::Error ? errorColor(this->palette()) : warningColor(this->palette()));
    m_label->setPalette(palette);
}

} // namespace Orchestrator::Ui
