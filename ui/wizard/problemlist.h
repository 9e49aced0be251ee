#pragma once

#include <QScrollArea>
#include <QStringList>

class QLabel;

namespace Orchestrator::Ui {

// A list of messages (problems of a plan, warnings) in a box that scrolls
// once it holds more than a few lines: however many there are, the page, and
// so the wizard, keeps its size. Hidden while empty. The label inside is
// named `labelName` and holds every message, one per line.
class ProblemList final : public QScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemList)

public:
    enum class Tone { Error, Warning };

    ProblemList(const QString &labelName, int maxLines, QWidget *parent = nullptr);

    void setProblems(const QStringList &lines);
    QStringList problems() const { return m_lines; }
    void setTone(Tone tone);
    QLabel *label() const { return m_label; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int contentHeight(int width) const;
    void applyTone();

    QLabel *m_label = nullptr;
    QStringList m_lines;
    int m_maxLines = 0;
    Tone m_tone = Tone::Error;
};

} // namespace Orchestrator::Ui
