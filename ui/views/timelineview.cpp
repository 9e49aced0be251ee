#include "timelineview.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <QAbstractScrollArea>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSet>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QTextDocumentFragment>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

#include "models/stateicons.h"
#include "models/usagewords.h"

namespace Orchestrator::Ui {

namespace {

constexpr int LivePeriod = 1000;    // ms between repaints while an attempt runs
constexpr int LeftPad = 8;          // px between the lane labels and time zero
constexpr int RightPad = 24;        // px after the last attempt end
constexpr int LabelPad = 8;
constexpr int MinBarWidth = 2;      // a short attempt is still a visible mark
// Attempts narrower than this (px at the current zoom) are not drawn one by
// one: each lane counts them into cells this wide, shaded by how many there
// are and coloured by the worst outcome among them.
constexpr int DensityCell = 3;
constexpr double ZoomStep = 2.0;
constexpr double MinPixelsPerSecond = 1e-5;
constexpr double MaxPixelsPerSecond = 20000;
constexpr int MaxTooltipJobs = 200;

// An attempt takes the colour of the job state it stands for (stateColor).
QColor succeededColor() { return stateColor(JobState::Succeeded); }
QColor failedColor() { return stateColor(JobState::Failed); }
QColor endedColor() { return stateColor(JobState::Cancelled); }   // cancelled, interrupted
QColor runningColor() { return stateColor(JobState::Running); }
const QColor CriticalColor(0xf9, 0xa8, 0x25);

bool isRunning(const AttemptRecord &attempt) { return attempt.isRunning(); }

// Colour is a second cue, never the only one: the tooltip names the outcome
// and attempts that were killed (timed out, signalled, interrupted) are hatched.
// `outcome` empty: the attempt is still running.
QColor outcomeColor(std::optional<Outcome> outcome)
{
    if (!outcome)
        return runningColor();
    switch (*outcome) {
    case Outcome::Succeeded: return succeededColor();
    case Outcome::Failed:
    case Outcome::TimedOut:
    case Outcome::Signalled:
    case Outcome::FailedToStart:
    case Outcome::SetupFailed:
    case Outcome::AuthFailed: return failedColor();
    case Outcome::RateLimited:
    case Outcome::Cancelled:
    case Outcome::Interrupted: return endedColor();
    }
    return endedColor();
}

// Failed, running, cancelled or succeeded: which colour a density cell of
// mixed outcomes takes (the higher rank wins).
int severity(std::optional<Outcome> outcome)
{
    if (!outcome)
        return 1;
    const QColor color = outcomeColor(outcome);
    return color == failedColor() ? 3 : color == endedColor() ? 2 : 0;
}

bool isFailure(std::optional<Outcome> outcome) { return severity(outcome) == 3; }

// A clock time as precise as a span of `spanMs` needs.
QString clockText(qint64 ms, qint64 spanMs)
{
    const QString format = spanMs >= 120000 ? QStringLiteral("HH:mm") : spanMs >= 2000 ? QStringLiteral("HH:mm:ss")
                                                                                      : QStringLiteral("HH:mm:ss.zzz");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), format);
}

bool isHatched(std::optional<Outcome> outcome)
{
    return outcome == Outcome::TimedOut || outcome == Outcome::Signalled || outcome == Outcome::Interrupted;
}

QString outcomeText(std::optional<Outcome> outcome)
{
    if (!outcome)
        return TimelineView::tr("Running");
    switch (*outcome) {
    case Outcome::Succeeded: return TimelineView::tr("Succeeded");
    case Outcome::Failed: return TimelineView::tr("Failed");
    case Outcome::Signalled: return TimelineView::tr("Killed by a signal");
    case Outcome::FailedToStart: return TimelineView::tr("Failed to start");
    case Outcome::SetupFailed: return TimelineView::tr("Could not be set up");
    case Outcome::RateLimited: return TimelineView::tr("Rate limited");
    case Outcome::AuthFailed: return TimelineView::tr("Not logged in");
    case Outcome::TimedOut: return TimelineView::tr("Timed out");
    case Outcome::Cancelled: return TimelineView::tr("Cancelled");
    case Outcome::Interrupted: return TimelineView::tr("Interrupted");
    }
    return attemptStatusName(outcome);
}

QString durationText(qint64 ms)
{
    if (ms < 1000)
        return TimelineView::tr("%1 ms").arg(ms);
    const qint64 s = ms / 1000;
    if (s < 60)
        return TimelineView::tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    if (s < 3600)
        return TimelineView::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return TimelineView::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

// Axis labels: time since the run started, as a clock ("1:05", "1:02:05"),
// with as many decimals as the tick step needs.
QString offsetText(qint64 ms, qint64 stepMs, bool withHours)
{
    const qint64 totalSeconds = ms / 1000;
    const qint64 seconds = totalSeconds % 60;
    const qint64 minutes = withHours ? (totalSeconds / 60) % 60 : totalSeconds / 60;
    QString text = withHours ? QStringLiteral("%1:%2:%3")
                                   .arg(totalSeconds / 3600)
                                   .arg(minutes, 2, 10, QLatin1Char('0'))
                                   .arg(seconds, 2, 10, QLatin1Char('0'))
                             : QStringLiteral("%1:%2").arg(minutes).arg(seconds, 2, 10, QLatin1Char('0'));
    if (stepMs < 1000) {
        const int decimals = stepMs >= 100 ? 1 : stepMs >= 10 ? 2 : 3;
        const qint64 fraction = (ms % 1000) / qint64(std::pow(10, 3 - decimals));
        text += QLatin1Char('.') + QStringLiteral("%1").arg(fraction, decimals, 10, QLatin1Char('0'));
    }
    return text;
}

QString legendItem(const QColor &color, const QString &symbol, const QString &text)
{
    return QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3").arg(color.name(), symbol, text.toHtmlEscaped());
}

} // namespace

// The chart: lane labels on the left, a time axis on top, bars in between.
// Bars of a lane never overlap and are kept sorted by start, so the bars in
// the visible time range are found by binary search. Bars narrower than a
// density cell are aggregated: a cell per lane and few pixels of time,
// shaded by its number of attempts, coloured by their worst outcome, with a
// tooltip summing them up; clicking one zooms in on it.
class TimelineChart final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimelineChart)

public:
    explicit TimelineChart(QWidget *parent);

    void setRun(const QString &runId, const QList<AttemptRecord> &attempts,
                const QList<std::pair<QString, QString>> &dependencies, const QHash<QString, QString> &workstreamOf);
    void clear();
    QString runId() const { return m_runId; }

    void setLaneMode(TimelineView::LaneMode mode);
    TimelineView::LaneMode laneMode() const { return m_laneMode; }

    void setSelectedJob(const QString &jobId);
    QString selectedJob() const { return m_selected; }

    void zoomBy(double factor, int anchorX);
    void zoomToFit();
    double pixelsPerSecond() const { return m_pps; }

    const Graph::RunSummary &summary() const { return m_summary; }
    int laneCount() const { return int(m_lanes.size()); }
    bool isLive() const { return m_liveTimer.isActive(); }

    QString jobAt(const QPoint &pos) const;
    QRect barRect(const QString &jobId, int attempt) const;
    TimelineView::DensityCell densityCellAt(const QPoint &pos) const;

Q_SIGNALS:
    void jobClicked(const QString &jobId);
    void summaryChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Bar
    {
        qint64 start = 0;
        qint64 end = 0;
        int record = 0;     // index into m_attempts
        int lane = 0;
    };
    struct Lane
    {
        QString label;
        QString toolTip;
        int group = 0;      // lanes of one engine or workstream share a group
        bool firstOfGroup = false;
        std::vector<int> bars;  // indices into m_bars, by start
    };
    // Narrow bars of one lane counted together: column k covers the content
    // pixels [k * DensityCell, (k + 1) * DensityCell) from time zero, and
    // holds the narrow bars that start there.
    struct Cell
    {
        int lane = -1;
        qint64 column = 0;
        int attempts = 0;
        int failed = 0;
        std::optional<Outcome> worst = Outcome::Succeeded;
        int worstRank = -1;
        qint64 from = 0;    // first start, last end
        qint64 to = 0;
        int bar = -1;       // the first of its bars
    };

    void rebuild();
    void buildLanes(const QList<int> &laneOf, int count, const QStringList &groupOf);
    void onLiveTick();
    void updateScrollBars();
    void ensureBarVisible(int bar);

    QRect plotRect() const;
    int laneHeight() const;
    int axisHeight() const;
    double fitPixelsPerSecond() const;
    double xFor(qint64 ms) const;
    qint64 timeAt(double x) const;
    QRect barPixelRect(int bar) const;
    int barAt(const QPoint &pos) const;
    int laneAt(int y) const;
    bool isNarrow(const Bar &bar) const;
    qint64 columnOf(qint64 ms) const;
    QRect cellPixelRect(int lane, qint64 column) const;
    void addToCell(Cell &cell, int bar) const;
    Cell cellAt(const QPoint &pos) const;
    QString toolTipFor(const Cell &cell) const;
    qint64 tickStep() const;
    QString toolTipFor(int bar) const;
    QString cornerText() const
    {
        return m_laneMode == TimelineView::LaneMode::WorkerSlots ? TimelineView::tr("Worker slots")
                                                                 : TimelineView::tr("Workstreams");
    }

    void paintEmptyState(QPainter &painter, const QString &text);
    void paintLanes(QPainter &painter, const QRect &plot);
    void paintBars(QPainter &painter, const QRect &plot);
    void paintBar(QPainter &painter, int bar, const QRect &bounds);
    void paintCell(QPainter &painter, const Cell &cell);
    void paintAxis(QPainter &painter, const QRect &plot);
    void paintLaneLabels(QPainter &painter, const QRect &plot);

    QString m_runId;
    QList<AttemptRecord> m_attempts;
    QList<std::pair<QString, QString>> m_dependencies;
    QHash<QString, QString> m_workstreamOf;
    TimelineView::LaneMode m_laneMode = TimelineView::LaneMode::WorkerSlots;

    qint64 m_nowMs = 0;
    Graph::RunSummary m_summary;
    std::vector<Bar> m_bars;
    std::vector<Lane> m_lanes;
    QHash<QString, std::vector<int>> m_jobBars;  // job id -> its bars, by attempt
    QSet<QString> m_critical;
    int m_labelWidth = 80;

    double m_pps = 1.0;
    bool m_fitted = true;   // follow the run's growth until the user zooms
    QString m_selected;
    int m_hoverBar = -1;
    std::pair<int, qint64> m_hoverCell{-1, 0};   // lane, column
    bool m_panning = false;
    bool m_pressedCell = false;     // the pan began on a density cell
    QPoint m_panOrigin;
    QPoint m_scrollOrigin;
    QTimer m_liveTimer;
};

TimelineChart::TimelineChart(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("timelineChart"));
    setAccessibleName(TimelineView::tr("Run timeline"));
    setAccessibleDescription(TimelineView::tr("Attempts of the run as bars over time, one lane per worker slot or workstream"));
    viewport()->setAccessibleName(TimelineView::tr("Timeline chart"));
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumHeight(120);
    horizontalScrollBar()->setSingleStep(20);
    m_liveTimer.setInterval(LivePeriod);
    connect(&m_liveTimer, &QTimer::timeout, this, &TimelineChart::onLiveTick);
    updateScrollBars();
}

void TimelineChart::setRun(const QString &runId, const QList<AttemptRecord> &attempts,
                           const QList<std::pair<QString, QString>> &dependencies,
                           const QHash<QString, QString> &workstreamOf)
{
    const bool sameRun = runId == m_runId;
    QScrollBar *hbar = horizontalScrollBar();
    // A zoomed chart scrolled to the live edge keeps following it.
    const bool atLiveEdge = sameRun && hbar->maximum() > 0 && hbar->value() >= hbar->maximum();
    m_runId = runId;
    m_attempts = attempts;
    m_dependencies = dependencies;
    m_workstreamOf = workstreamOf;
    m_hoverBar = -1;  // bar indices change with the data
    m_hoverCell = {-1, 0};
    if (!sameRun)
        m_fitted = true;
    rebuild();
    if (!sameRun) {
        hbar->setValue(0);
        verticalScrollBar()->setValue(0);
    } else if (atLiveEdge && !m_fitted) {
        hbar->setValue(hbar->maximum());
    }
    viewport()->update();
}

void TimelineChart::clear()
{
    m_runId.clear();
    m_attempts.clear();
    m_dependencies.clear();
    m_workstreamOf.clear();
    m_fitted = true;
    m_hoverBar = -1;
    m_hoverCell = {-1, 0};
    rebuild();
    viewport()->update();
}

void TimelineChart::setLaneMode(TimelineView::LaneMode mode)
{
    if (mode == m_laneMode)
        return;
    m_laneMode = mode;
    m_hoverBar = -1;
    m_hoverCell = {-1, 0};
    rebuild();
    verticalScrollBar()->setValue(0);
    if (!m_selected.isEmpty())
        ensureBarVisible(m_jobBars.value(m_selected).empty() ? -1 : m_jobBars.value(m_selected).front());
    viewport()->update();
}

void TimelineChart::setSelectedJob(const QString &jobId)
{
    m_selected = jobId;
    const auto bars = m_jobBars.constFind(jobId);
    if (bars != m_jobBars.cend() && !bars->empty())
        ensureBarVisible(bars->front());
    viewport()->update();
}

// Lanes, summary and indexes from the attempts, with `now` for running ones.
// Cheap enough (sorting) to run on every live tick for 10,000 attempts.
void TimelineChart::rebuild()
{
    m_nowMs = QDateTime::currentMSecsSinceEpoch();
    int workerLanes = 0;
    const QList<int> laneOfWorker = Graph::assignLanes(m_attempts, m_nowMs, &workerLanes);
    m_summary = Graph::summarizeRun(m_attempts, m_dependencies, m_nowMs, workerLanes);
    m_critical = QSet<QString>(m_summary.criticalPath.cbegin(), m_summary.criticalPath.cend());

    QStringList groupOf;
    groupOf.reserve(m_attempts.size());
    bool live = false;
    for (const AttemptRecord &attempt : m_attempts) {
        groupOf.append(m_laneMode == TimelineView::LaneMode::WorkerSlots ? attempt.owner
                                                                         : m_workstreamOf.value(attempt.jobId));
        live = live || (attempt.startedAt && isRunning(attempt));
    }
    if (m_laneMode == TimelineView::LaneMode::WorkerSlots) {
        buildLanes(laneOfWorker, workerLanes, groupOf);
    } else {
        int count = 0;
        const QList<int> laneOf = Graph::assignLanes(m_attempts, groupOf, m_nowMs, &count);
        buildLanes(laneOf, count, groupOf);
    }

    if (live && !m_liveTimer.isActive())
        m_liveTimer.start();
    else if (!live)
        m_liveTimer.stop();

    if (m_fitted)
        m_pps = fitPixelsPerSecond();
    updateScrollBars();
    Q_EMIT summaryChanged();
}

void TimelineChart::buildLanes(const QList<int> &laneOf, int count, const QStringList &groupOf)
{
    m_bars.clear();
    m_bars.reserve(size_t(m_attempts.size()));
    m_lanes.assign(size_t(count), Lane{});
    m_jobBars.clear();
    QStringList laneGroup(count);
    for (int i = 0; i < m_attempts.size(); ++i) {
        if (laneOf[i] < 0)
            continue;
        const AttemptRecord &attempt = m_attempts[i];
        const int bar = int(m_bars.size());
        m_bars.push_back(Bar{*attempt.startedAt, Graph::attemptEndMs(attempt, m_nowMs), i, laneOf[i]});
        m_lanes[size_t(laneOf[i])].bars.push_back(bar);
        laneGroup[laneOf[i]] = groupOf[i];
        m_jobBars[attempt.jobId].push_back(bar);
    }
    for (Lane &lane : m_lanes) {
        std::sort(lane.bars.begin(), lane.bars.end(), [this](int a, int b) {
            return m_bars[size_t(a)].start != m_bars[size_t(b)].start ? m_bars[size_t(a)].start < m_bars[size_t(b)].start
                                                                    : a < b;
        });
    }
    for (auto it = m_jobBars.begin(); it != m_jobBars.end(); ++it) {
        std::sort(it->begin(), it->end(), [this](int a, int b) {
            return m_attempts[m_bars[size_t(a)].record].attempt < m_attempts[m_bars[size_t(b)].record].attempt;
        });
    }

    // Lanes of a group are contiguous; number the slots within each group.
    const bool workers = m_laneMode == TimelineView::LaneMode::WorkerSlots;
    const bool oneGroup = count > 0 && laneGroup.constFirst() == laneGroup.constLast()
                          && std::all_of(laneGroup.cbegin(), laneGroup.cend(),
                                         [&](const QString &g) { return g == laneGroup.constFirst(); });
    const QFontMetrics metrics(font());
    int group = -1;
    int slot = 0;
    int widest = 0;
    for (int i = 0; i < count; ++i) {
        Lane &lane = m_lanes[size_t(i)];
        const QString &key = laneGroup[i];
        lane.firstOfGroup = i == 0 || key != laneGroup[i - 1];
        if (lane.firstOfGroup) {
            ++group;
            slot = 0;
        }
        ++slot;
        lane.group = group;
        if (workers) {
            const QString engine = key.isEmpty() ? TimelineView::tr("unknown engine") : key;
            lane.label = oneGroup ? TimelineView::tr("Slot %1").arg(slot)
                                  : TimelineView::tr("%1 · slot %2")
                                        .arg(metrics.elidedText(engine, Qt::ElideMiddle, 110))
                                        .arg(slot);
            lane.toolTip = TimelineView::tr("Worker slot %1 of engine %2").arg(slot).arg(engine);
        } else {
            const QString workstream = key.isEmpty() ? TimelineView::tr("(no workstream)") : key;
            lane.label = lane.firstOfGroup ? workstream : QString();
            lane.toolTip = TimelineView::tr("Workstream %1, row %2").arg(workstream).arg(slot);
        }
        widest = std::max(widest, metrics.horizontalAdvance(lane.label));
    }
    widest = std::max(widest, metrics.horizontalAdvance(cornerText()));
    m_labelWidth = std::clamp(widest + 2 * LabelPad, 64, 220);
}

void TimelineChart::onLiveTick()
{
    const bool fitted = m_fitted;
    QScrollBar *hbar = horizontalScrollBar();
    const bool atLiveEdge = hbar->maximum() > 0 && hbar->value() >= hbar->maximum();
    rebuild();
    if (!fitted && atLiveEdge)
        hbar->setValue(hbar->maximum());
    viewport()->update();
}

int TimelineChart::laneHeight() const { return fontMetrics().height() + 12; }
int TimelineChart::axisHeight() const { return fontMetrics().height() + 14; }

QRect TimelineChart::plotRect() const
{
    return viewport()->rect().adjusted(m_labelWidth, axisHeight(), 0, 0);
}

double TimelineChart::fitPixelsPerSecond() const
{
    const int width = std::max(40, plotRect().width() - LeftPad - RightPad);
    const double seconds = double(std::max<qint64>(m_summary.durationMs, 1000)) / 1000.0;
    return std::clamp(width / seconds, MinPixelsPerSecond, MaxPixelsPerSecond);
}

void TimelineChart::updateScrollBars()
{
    const QRect plot = plotRect();
    const double contentWidth = LeftPad + double(m_summary.durationMs) * m_pps / 1000.0 + RightPad;
    QScrollBar *hbar = horizontalScrollBar();
    hbar->setPageStep(std::max(1, plot.width()));
    hbar->setRange(0, std::max(0, int(std::ceil(contentWidth)) - plot.width()));
    QScrollBar *vbar = verticalScrollBar();
    vbar->setSingleStep(laneHeight());
    vbar->setPageStep(std::max(1, plot.height()));
    vbar->setRange(0, std::max(0, laneCount() * laneHeight() + 4 - plot.height()));
}

double TimelineChart::xFor(qint64 ms) const
{
    return plotRect().left() + LeftPad + double(ms - m_summary.startMs) * m_pps / 1000.0
           - horizontalScrollBar()->value();
}

qint64 TimelineChart::timeAt(double x) const
{
    return m_summary.startMs
           + qint64(std::floor((x - plotRect().left() - LeftPad + horizontalScrollBar()->value()) * 1000.0 / m_pps));
}

int TimelineChart::laneAt(int y) const
{
    const int offset = y - plotRect().top() + verticalScrollBar()->value();
    if (offset < 0)
        return -1;
    const int lane = offset / laneHeight();
    return lane < laneCount() ? lane : -1;
}

QRect TimelineChart::barPixelRect(int bar) const
{
    const Bar &b = m_bars[size_t(bar)];
    const int left = int(std::floor(xFor(b.start)));
    const int right = std::max(left + MinBarWidth, int(std::ceil(xFor(b.end))));
    const int top = plotRect().top() + b.lane * laneHeight() - verticalScrollBar()->value() + 3;
    return QRect(left, top, right - left, laneHeight() - 6);
}

int TimelineChart::barAt(const QPoint &pos) const
{
    if (!plotRect().contains(pos))
        return -1;
    const int lane = laneAt(pos.y());
    if (lane < 0)
        return -1;
    const std::vector<int> &bars = m_lanes[size_t(lane)].bars;
    // Bars are at least MinBarWidth wide: look a little before the time under the cursor.
    const qint64 from = timeAt(pos.x() - MinBarWidth - 1);
    auto it = std::lower_bound(bars.cbegin(), bars.cend(), from,
                               [this](int bar, qint64 t) { return m_bars[size_t(bar)].end < t; });
    int found = -1;
    for (; it != bars.cend() && m_bars[size_t(*it)].start <= timeAt(pos.x() + 1); ++it) {
        // A narrow bar is part of a density cell, unless its job is selected.
        if (isNarrow(m_bars[size_t(*it)]) && m_attempts[m_bars[size_t(*it)].record].jobId != m_selected)
            continue;
        const QRect rect = barPixelRect(*it);
        if (pos.x() >= rect.left() && pos.x() <= rect.right())
            found = *it;
    }
    if (found < 0) {
        // A cell of one attempt is that attempt.
        const Cell cell = cellAt(pos);
        if (cell.attempts == 1)
            found = cell.bar;
    }
    return found;
}

QString TimelineChart::jobAt(const QPoint &pos) const
{
    const int bar = barAt(pos);
    return bar < 0 ? QString() : m_attempts[m_bars[size_t(bar)].record].jobId;
}

QRect TimelineChart::barRect(const QString &jobId, int attempt) const
{
    const auto bars = m_jobBars.constFind(jobId);
    if (bars == m_jobBars.cend())
        return {};
    for (int bar : *bars) {
        if (m_attempts[m_bars[size_t(bar)].record].attempt == attempt)
            return barPixelRect(bar).intersected(plotRect());
    }
    return {};
}

bool TimelineChart::isNarrow(const Bar &bar) const
{
    return double(bar.end - bar.start) * m_pps / 1000.0 < DensityCell;
}

qint64 TimelineChart::columnOf(qint64 ms) const
{
    return qint64(std::floor(double(ms - m_summary.startMs) * m_pps / 1000.0 / DensityCell));
}

QRect TimelineChart::cellPixelRect(int lane, qint64 column) const
{
    const QRect plot = plotRect();
    const int left = plot.left() + LeftPad - horizontalScrollBar()->value() + int(column * DensityCell);
    const int top = plot.top() + lane * laneHeight() - verticalScrollBar()->value() + 3;
    return QRect(left, top, DensityCell, laneHeight() - 6);
}

void TimelineChart::addToCell(Cell &cell, int bar) const
{
    const Bar &b = m_bars[size_t(bar)];
    const std::optional<Outcome> outcome = m_attempts[b.record].outcome;
    if (cell.attempts == 0) {
        cell.from = b.start;
        cell.to = b.end;
        cell.bar = bar;
    }
    ++cell.attempts;
    cell.failed += isFailure(outcome) ? 1 : 0;
    cell.from = std::min(cell.from, b.start);
    cell.to = std::max(cell.to, b.end);
    if (const int rank = severity(outcome); rank > cell.worstRank) {
        cell.worstRank = rank;
        cell.worst = outcome;
    }
}

TimelineChart::Cell TimelineChart::cellAt(const QPoint &pos) const
{
    Cell cell;
    const QRect plot = plotRect();
    if (!plot.contains(pos) || m_pps <= 0)
        return cell;
    const int lane = laneAt(pos.y());
    if (lane < 0)
        return cell;
    const double contentX = pos.x() - (plot.left() + LeftPad - horizontalScrollBar()->value());
    const qint64 column = qint64(std::floor(contentX / DensityCell));
    cell.lane = lane;
    cell.column = column;
    // The column's time span, a millisecond wider either side for rounding;
    // columnOf() decides.
    const qint64 from = m_summary.startMs + qint64(std::floor(double(column) * DensityCell * 1000.0 / m_pps)) - 1;
    const qint64 to = m_summary.startMs + qint64(std::ceil(double(column + 1) * DensityCell * 1000.0 / m_pps)) + 1;
    const std::vector<int> &bars = m_lanes[size_t(lane)].bars;
    auto it = std::lower_bound(bars.cbegin(), bars.cend(), from,
                               [this](int bar, qint64 t) { return m_bars[size_t(bar)].start < t; });
    for (; it != bars.cend() && m_bars[size_t(*it)].start <= to; ++it) {
        const Bar &b = m_bars[size_t(*it)];
        if (isNarrow(b) && columnOf(b.start) == column)
            addToCell(cell, *it);
    }
    return cell;
}

TimelineView::DensityCell TimelineChart::densityCellAt(const QPoint &pos) const
{
    const Cell cell = cellAt(pos);
    if (cell.attempts == 0)
        return {};
    return {cell.attempts, cell.failed, cellPixelRect(cell.lane, cell.column), toolTipFor(cell)};
}

QString TimelineChart::toolTipFor(const Cell &cell) const
{
    QStringList parts;
    // A cell of one attempt shows that attempt's tooltip: this is always plural.
    parts << TimelineView::tr("%1 attempts").arg(cell.attempts);
    if (cell.failed > 0)
        parts << TimelineView::tr("%1 failed").arg(cell.failed);
    const qint64 span = cell.to - cell.from;
    parts << QStringLiteral("%1\u2013%2").arg(clockText(cell.from, span), clockText(cell.to, span));
    return QStringLiteral("<p style=\"white-space:pre\">%1<br>%2</p>")
        .arg(parts.join(QStringLiteral(", ")).toHtmlEscaped(),
             TimelineView::tr("Click or Ctrl+wheel to zoom in and see them one by one").toHtmlEscaped());
}

void TimelineChart::ensureBarVisible(int bar)
{
    if (bar < 0)
        return;
    const QRect plot = plotRect();
    const QRect rect = barPixelRect(bar);
    QScrollBar *hbar = horizontalScrollBar();
    // A fitted chart shows the whole run already (or is not laid out yet).
    if (!m_fitted && (rect.left() < plot.left() || rect.left() > plot.right() - 20)) {
        hbar->setValue(hbar->value() + rect.left() - plot.left() - plot.width() / 4);
    }
    QScrollBar *vbar = verticalScrollBar();
    if (rect.top() < plot.top() || rect.bottom() > plot.bottom())
        vbar->setValue(vbar->value() + rect.center().y() - plot.center().y());
}

void TimelineChart::zoomBy(double factor, int anchorX)
{
    if (m_bars.empty())
        return;
    const double fit = fitPixelsPerSecond();
    // Zooming out stops at the whole run; zooming in stops at a few ms per pixel.
    const double target = std::clamp(m_pps * factor, std::min(fit, m_pps), MaxPixelsPerSecond);
    if (target == m_pps)
        return;
    const double anchorTime = (anchorX - plotRect().left() - LeftPad + horizontalScrollBar()->value()) / m_pps;
    m_pps = target;
    m_fitted = target <= fit;
    updateScrollBars();
    horizontalScrollBar()->setValue(int(std::lround(anchorTime * m_pps - (anchorX - plotRect().left() - LeftPad))));
    viewport()->update();
}

void TimelineChart::zoomToFit()
{
    m_fitted = true;
    m_pps = fitPixelsPerSecond();
    updateScrollBars();
    horizontalScrollBar()->setValue(0);
    viewport()->update();
}

void TimelineChart::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double notches = event->angleDelta().y() / 120.0;
        if (notches != 0)
            zoomBy(std::pow(1.25, notches), int(event->position().x()));
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    const int bar = barAt(event->position().toPoint());
    if (bar >= 0) {
        const QString job = m_attempts[m_bars[size_t(bar)].record].jobId;
        m_selected = job;
        viewport()->update();
        Q_EMIT jobClicked(job);
    } else if (plotRect().contains(event->position().toPoint())) {
        // Dragging the background pans; a click on a density cell zooms in.
        m_pressedCell = cellAt(event->position().toPoint()).attempts > 0;
        m_panning = true;
        m_panOrigin = event->position().toPoint();
        m_scrollOrigin = QPoint(horizontalScrollBar()->value(), verticalScrollBar()->value());
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    event->accept();
}

void TimelineChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (m_panning) {
        const QPoint delta = pos - m_panOrigin;
        horizontalScrollBar()->setValue(m_scrollOrigin.x() - delta.x());
        verticalScrollBar()->setValue(m_scrollOrigin.y() - delta.y());
        return;
    }
    const int bar = barAt(pos);
    const Cell cell = bar < 0 || isNarrow(m_bars[size_t(bar)]) ? cellAt(pos) : Cell{};
    const std::pair<int, qint64> hoverCell = cell.attempts > 0 ? std::pair(cell.lane, cell.column) : std::pair(-1, qint64(0));
    if (bar != m_hoverBar || hoverCell != m_hoverCell) {
        if (m_hoverBar >= 0 && m_hoverBar < int(m_bars.size()))
            viewport()->update(barPixelRect(m_hoverBar).adjusted(-3, -3, 3, 3));
        if (m_hoverCell.first >= 0)
            viewport()->update(cellPixelRect(m_hoverCell.first, m_hoverCell.second).adjusted(-2, -2, 2, 2));
        m_hoverBar = bar;
        m_hoverCell = hoverCell;
        if (bar >= 0)
            viewport()->update(barPixelRect(bar).adjusted(-3, -3, 3, 3));
        if (hoverCell.first >= 0)
            viewport()->update(cellPixelRect(hoverCell.first, hoverCell.second).adjusted(-2, -2, 2, 2));
        viewport()->setCursor(bar >= 0 || hoverCell.first >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
}

void TimelineChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && event->button() == Qt::LeftButton) {
        m_panning = false;
        viewport()->setCursor(Qt::ArrowCursor);
        const QPoint pos = event->position().toPoint();
        if (m_pressedCell && (pos - m_panOrigin).manhattanLength() < 4) {
            // Far enough for the cell's attempts to come apart.
            const Cell cell = cellAt(pos);
            if (cell.attempts > 0)
                zoomBy(std::clamp(2.0 * cell.attempts, 2.0, 32.0), pos.x());
        }
        m_pressedCell = false;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void TimelineChart::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    switch (event->type()) {
    case QEvent::FontChange:
    case QEvent::StyleChange:
        rebuild();      // lane labels and heights follow the font
        viewport()->update();
        break;
    case QEvent::PaletteChange:
        viewport()->update();
        break;
    default:
        break;
    }
}

bool TimelineChart::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int bar = barAt(help->pos());
        if (bar >= 0) {
            QToolTip::showText(help->globalPos(), toolTipFor(bar), viewport(), barPixelRect(bar));
            return true;
        }
        if (const Cell cell = cellAt(help->pos()); cell.attempts > 0) {
            QToolTip::showText(help->globalPos(), toolTipFor(cell), viewport(), cellPixelRect(cell.lane, cell.column));
            return true;
        }
        const int lane = help->pos().x() < m_labelWidth ? laneAt(help->pos().y()) : -1;
        if (lane >= 0) {
            QToolTip::showText(help->globalPos(), m_lanes[size_t(lane)].toolTip, viewport());
            return true;
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    if (event->type() == QEvent::Resize) {
        // Scroll bars coming and going resize the viewport but not the chart.
        if (m_fitted)
            m_pps = fitPixelsPerSecond();
        updateScrollBars();
    }
    if (event->type() == QEvent::Leave && m_hoverBar >= 0) {
        if (m_hoverBar < int(m_bars.size()))
            viewport()->update(barPixelRect(m_hoverBar).adjusted(-3, -3, 3, 3));
        m_hoverBar = -1;
    }
    if (event->type() == QEvent::Leave && m_hoverCell.first >= 0) {
        viewport()->update(cellPixelRect(m_hoverCell.first, m_hoverCell.second).adjusted(-2, -2, 2, 2));
        m_hoverCell = {-1, 0};
    }
    return QAbstractScrollArea::viewportEvent(event);
}

QString TimelineChart::toolTipFor(int bar) const
{
    const Bar &b = m_bars[size_t(bar)];
    const AttemptRecord &a = m_attempts[b.record];
    const QLocale locale;
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(a.jobId.toHtmlEscaped());
    lines << TimelineView::tr("Attempt %1 with %2").arg(a.attempt).arg(a.tool.toHtmlEscaped());
    lines << TimelineView::tr("Outcome: %1").arg(outcomeText(a.outcome).toHtmlEscaped());
    lines << TimelineView::tr("Started: %1 (%2 into the run)")
                 .arg(locale.toString(QDateTime::fromMSecsSinceEpoch(b.start).time(), QStringLiteral("HH:mm:ss")))
                 .arg(durationText(b.start - m_summary.startMs));
    lines << (isRunning(a) ? TimelineView::tr("Duration: %1 so far").arg(durationText(b.end - b.start))
                           : TimelineView::tr("Duration: %1").arg(durationText(b.end - b.start)));
    if (a.timedOut())
        lines << TimelineView::tr("Timed out");
    if (a.signal)
        lines << TimelineView::tr("Killed by signal %1").arg(*a.signal);
    else if (a.exitCode)
        lines << TimelineView::tr("Exit code: %1").arg(*a.exitCode);
    if (!a.reason.isEmpty())
        lines << TimelineView::tr("Reason: %1").arg(a.reason.toHtmlEscaped());
    if (!a.owner.isEmpty())
        lines << TimelineView::tr("Engine: %1").arg(a.owner.toHtmlEscaped());
    if (m_critical.contains(a.jobId))
        lines << TimelineView::tr("On the critical path");
    return QStringLiteral("<p style=\"white-space:pre\">") + lines.join(QStringLiteral("<br>")) + QStringLiteral("</p>");
}

// The largest step that leaves room for a label between two ticks.
qint64 TimelineChart::tickStep() const
{
    static constexpr qint64 Steps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000,
                                       60000, 120000, 300000, 600000, 900000, 1800000, 3600000, 7200000,
                                       10800000, 21600000, 43200000, 86400000};
    const int room = fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.0")) + 24;
    for (qint64 step : Steps) {
        if (double(step) * m_pps / 1000.0 >= room)
            return step;
    }
    return Steps[std::size(Steps) - 1];
}

void TimelineChart::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.fillRect(viewport()->rect(), palette().base());
    if (m_runId.isEmpty()) {
        paintEmptyState(painter, TimelineView::tr("Select a run to see its timeline"));
        return;
    }
    if (m_bars.empty()) {
        paintEmptyState(painter, TimelineView::tr("No attempts yet"));
        return;
    }
    const QRect plot = plotRect();
    painter.save();
    painter.setClipRect(plot);
    paintLanes(painter, plot);
    paintBars(painter, plot);
    painter.restore();
    paintAxis(painter, plot);
    paintLaneLabels(painter, plot);
}

void TimelineChart::paintEmptyState(QPainter &painter, const QString &text)
{
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, text);
}

// Zebra bands per group (engine or workstream), then the tick grid and the
// "now" line of a live run.
void TimelineChart::paintLanes(QPainter &painter, const QRect &plot)
{
    const int height = laneHeight();
    const int scroll = verticalScrollBar()->value();
    const int first = std::max(0, scroll / height);
    const int last = std::min(laneCount() - 1, (scroll + plot.height()) / height);
    const QColor separator = palette().color(QPalette::Mid);
    for (int lane = first; lane <= last; ++lane) {
        const int top = plot.top() + lane * height - scroll;
        if (m_lanes[size_t(lane)].group % 2 == 1)
            painter.fillRect(QRect(plot.left(), top, plot.width(), height), palette().alternateBase());
        if (m_lanes[size_t(lane)].firstOfGroup && lane > 0) {
            painter.setPen(separator);
            painter.drawLine(plot.left(), top, plot.right(), top);
        }
    }

    QColor grid = palette().color(QPalette::Text);
    grid.setAlpha(28);
    painter.setPen(grid);
    const qint64 step = tickStep();
    const qint64 from = std::max<qint64>(0, (timeAt(plot.left()) - m_summary.startMs) / step * step);
    const qint64 to = timeAt(plot.right()) - m_summary.startMs;
    for (qint64 t = from; t <= to; t += step) {
        const int x = int(std::lround(xFor(m_summary.startMs + t)));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }

    if (isLive()) {
        QColor nowColor = runningColor();
        nowColor.setAlpha(160);
        painter.setPen(QPen(nowColor, 1, Qt::DashLine));
        const int x = int(std::lround(xFor(m_nowMs)));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
}

void TimelineChart::paintBars(QPainter &painter, const QRect &plot)
{
    const int height = laneHeight();
    const int scroll = verticalScrollBar()->value();
    const int first = std::max(0, scroll / height);
    const int last = std::min(laneCount() - 1, (scroll + plot.height()) / height);
    // A cell reaching into the plot counts bars that start left of it.
    const qint64 from = timeAt(plot.left() - std::max(MinBarWidth, DensityCell) - 1);
    const qint64 to = timeAt(plot.right() + 1);
    std::vector<int> selected;
    for (int lane = first; lane <= last; ++lane) {
        const std::vector<int> &bars = m_lanes[size_t(lane)].bars;
        auto it = std::lower_bound(bars.cbegin(), bars.cend(), from,
                                   [this](int bar, qint64 t) { return m_bars[size_t(bar)].end < t; });
        int paintedUpTo = std::numeric_limits<int>::min();
        std::vector<Cell> cells;
        Cell cell;
        for (; it != bars.cend() && m_bars[size_t(*it)].start <= to; ++it) {
            const Bar &b = m_bars[size_t(*it)];
            const QString &job = m_attempts[b.record].jobId;
            if (!m_selected.isEmpty() && job == m_selected)
                selected.push_back(*it);
            if (isNarrow(b)) {
                // Bars come by start, so a cell is complete once the column moves on.
                const qint64 column = columnOf(b.start);
                if (cell.attempts > 0 && column != cell.column) {
                    cells.push_back(cell);
                    cell = Cell{};
                }
                cell.lane = lane;
                cell.column = column;
                addToCell(cell, *it);
                continue;
            }
            const QRect rect = barPixelRect(*it);
            if (rect.right() <= paintedUpTo)
                continue;
            paintBar(painter, *it, rect);
            paintedUpTo = rect.right();
        }
        if (cell.attempts > 0)
            cells.push_back(cell);
        for (const Cell &c : cells)
            paintCell(painter, c);
    }

    // The selection on top, so neighbours never cover its frame.
    const QColor highlight = palette().color(QPalette::Highlight);
    for (int bar : selected) {
        const QRect rect = barPixelRect(bar);
        paintBar(painter, bar, rect);
        painter.setPen(QPen(palette().color(QPalette::Text), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(-1, -1, 0, 0));
        QColor glow = highlight;
        glow.setAlpha(110);
        painter.setPen(QPen(glow, 2));
        painter.drawRect(rect.adjusted(-3, -3, 2, 2));
    }
}

void TimelineChart::paintBar(QPainter &painter, int bar, const QRect &bounds)
{
    const Bar &b = m_bars[size_t(bar)];
    const AttemptRecord &attempt = m_attempts[b.record];
    QColor fill = outcomeColor(attempt.outcome);
    if (bar == m_hoverBar)
        fill = fill.lighter(120);
    // A hairline gap keeps back-to-back attempts apart.
    const QRect rect = bounds.width() > 4 ? bounds.adjusted(0, 0, -1, 0) : bounds;
    painter.fillRect(rect, fill);
    if (isHatched(attempt.outcome)) {
        painter.fillRect(rect, QBrush(QColor(255, 255, 255, 90), Qt::BDiagPattern));
    }
    if (isRunning(attempt) && rect.width() > 6) {
        // The growing end of a running attempt.
        painter.fillRect(QRect(rect.right() - 2, rect.top(), 3, rect.height()), fill.lighter(150));
    }
    if (m_critical.contains(attempt.jobId)) {
        painter.setPen(QPen(CriticalColor, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(rect).adjusted(1, 1, -1, -1));
    }
    if (rect.width() >= 36) {
        const QString label = attempt.attempt > 1
                                  ? TimelineView::tr("%1 (attempt %2)").arg(attempt.jobId).arg(attempt.attempt)
                                  : attempt.jobId;
        const QRect textRect = rect.adjusted(6, 0, -5, 0).intersected(plotRect().adjusted(4, 0, 0, 0));
        if (textRect.width() >= 24) {
            painter.setPen(Qt::white);
            painter.drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                             fontMetrics().elidedText(label, Qt::ElideRight, textRect.width()));
        }
    }
}

void TimelineChart::paintCell(QPainter &painter, const Cell &cell)
{
    // One attempt is a light mark, sixteen or more a solid one; a failure
    // among them is never pale.
    const double shade = cell.worstRank == 3 ? 1.0 : std::min(1.0, 0.45 + 0.55 * std::log2(double(cell.attempts)) / 4.0);
    QColor fill = outcomeColor(cell.worst);
    fill.setAlphaF(float(shade));
    const QRect rect = cellPixelRect(cell.lane, cell.column);
    painter.fillRect(rect, fill);
    if (std::pair(cell.lane, cell.column) == m_hoverCell) {
        painter.setPen(QPen(palette().color(QPalette::Text), 1));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(-1, -1, 0, 0));
    }
}

void TimelineChart::paintAxis(QPainter &painter, const QRect &plot)
{
    const QRect axis(plot.left(), 0, plot.width(), plot.top());
    painter.fillRect(QRect(0, 0, viewport()->width(), plot.top()), palette().window());
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(0, plot.top() - 1, viewport()->width(), plot.top() - 1);

    painter.save();
    painter.setClipRect(axis);
    const qint64 step = tickStep();
    const bool withHours = m_summary.durationMs >= 3600000;
    const qint64 from = std::max<qint64>(0, (timeAt(plot.left() - 80) - m_summary.startMs) / step * step);
    const qint64 to = timeAt(plot.right()) - m_summary.startMs;
    const QColor text = palette().color(QPalette::WindowText);
    const int tickTop = plot.top() - 5;
    for (qint64 t = from; t <= to; t += step) {
        const int x = int(std::lround(xFor(m_summary.startMs + t)));
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawLine(x, tickTop, x, plot.top() - 1);
        const int half = int(std::lround(xFor(m_summary.startMs + t + step / 2)));
        painter.drawLine(half, tickTop + 2, half, plot.top() - 1);
        const QString label = offsetText(t, step, withHours);
        // A label cut by the right edge reads as a different time: leave it out.
        if (x + 4 + fontMetrics().horizontalAdvance(label) > axis.right() && x > axis.left())
            continue;
        painter.setPen(text);
        painter.drawText(QRect(x + 4, 0, 200, tickTop), Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    painter.restore();

    // The corner names what the lanes are.
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QString corner = cornerText();
    painter.drawText(QRect(LabelPad, 0, m_labelWidth - 2 * LabelPad, plot.top()), Qt::AlignLeft | Qt::AlignVCenter,
                     fontMetrics().elidedText(corner, Qt::ElideRight, m_labelWidth - 2 * LabelPad));
}

void TimelineChart::paintLaneLabels(QPainter &painter, const QRect &plot)
{
    const QRect column(0, plot.top(), m_labelWidth, plot.height());
    painter.fillRect(column, palette().window());
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(column.right(), 0, column.right(), column.bottom());

    painter.save();
    painter.setClipRect(column);
    const int height = laneHeight();
    const int scroll = verticalScrollBar()->value();
    const int first = std::max(0, scroll / height);
    const int last = std::min(laneCount() - 1, (scroll + plot.height()) / height);
    for (int lane = first; lane <= last; ++lane) {
        const Lane &l = m_lanes[size_t(lane)];
        const int top = plot.top() + lane * height - scroll;
        if (l.firstOfGroup && lane > 0) {
            painter.setPen(palette().color(QPalette::Mid));
            painter.drawLine(0, top, column.right(), top);
        }
        painter.setPen(palette().color(QPalette::WindowText));
        const QRect rect(LabelPad, top, m_labelWidth - 2 * LabelPad, height);
        painter.drawText(rect, Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(l.label, Qt::ElideMiddle, rect.width()));
    }
    painter.restore();
}

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
{
    buildUi();
    updateSummary();
}

TimelineView::~TimelineView() = default;

void TimelineView::buildUi()
{
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("timelineSummary"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextFormat(Qt::RichText);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_usageLabel = new QLabel(this);
    m_usageLabel->setObjectName(QStringLiteral("timelineUsage"));
    m_usageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_usageLabel->setTextFormat(Qt::RichText);
    m_usageLabel->hide();

    m_laneModeBox = new QComboBox(this);
    m_laneModeBox->setObjectName(QStringLiteral("laneMode"));
    m_laneModeBox->addItem(tr("Worker slots"), QStringLiteral("workers"));
    m_laneModeBox->addItem(tr("Workstreams"), QStringLiteral("workstreams"));
    m_laneModeBox->setToolTip(tr("One lane per worker slot, or per workstream"));
    m_laneModeBox->setAccessibleName(tr("Lanes"));
    auto *laneLabel = new QLabel(tr("&Lanes:"), this);
    laneLabel->setBuddy(m_laneModeBox);
    connect(m_laneModeBox, &QComboBox::activated, this, [this](int index) {
        setLaneMode(index == 1 ? LaneMode::Workstreams : LaneMode::WorkerSlots);
    });

    m_legendLabel = new QLabel(this);
    m_legendLabel->setObjectName(QStringLiteral("timelineLegend"));
    m_legendLabel->setTextFormat(Qt::RichText);
    const QString square = QStringLiteral("&#9632;");
    m_legendLabel->setText(QStringList{legendItem(succeededColor(), square, tr("Succeeded")),
                                       legendItem(failedColor(), square, tr("Failed")),
                                       legendItem(endedColor(), square, tr("Cancelled")),
                                       legendItem(runningColor(), square, tr("Running")),
                                       legendItem(CriticalColor, QStringLiteral("&#9633;"), tr("Critical path"))}
                               .join(QStringLiteral("&nbsp;&nbsp; ")));
    m_legendLabel->setToolTip(tr("Hatched bars were killed: timed out, killed by a signal or interrupted"));

    const auto makeButton = [this](const char *name, const QString &text, const QString &toolTip) {
        auto *button = new QToolButton(this);
        button->setObjectName(QLatin1String(name));
        button->setText(text);
        button->setToolTip(toolTip);
        button->setAccessibleName(text);
        button->setAutoRaise(true);
        return button;
    };
    m_zoomOutButton = makeButton("zoomOut", tr("Zoom out"), tr("Show a longer time span (Ctrl+-)"));
    m_zoomInButton = makeButton("zoomIn", tr("Zoom in"), tr("Show more detail (Ctrl++, or Ctrl+wheel)"));
    m_fitButton = makeButton("zoomFit", tr("Fit"), tr("Fit the whole run into the view (Ctrl+0)"));
    m_fitButton->setAccessibleName(tr("Fit the whole run"));
    connect(m_zoomOutButton, &QToolButton::clicked, this, &TimelineView::zoomOut);
    connect(m_zoomInButton, &QToolButton::clicked, this, &TimelineView::zoomIn);
    connect(m_fitButton, &QToolButton::clicked, this, &TimelineView::zoomToFit);

    const auto addShortcut = [this](const QKeySequence &keys, void (TimelineView::*slot)()) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Plus), &TimelineView::zoomIn);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Equal), &TimelineView::zoomIn);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus), &TimelineView::zoomOut);
    addShortcut(QKeySequence(Qt::CTRL | Qt::Key_0), &TimelineView::zoomToFit);

    m_chart = new TimelineChart(this);
    connect(m_chart, &TimelineChart::jobClicked, this, &TimelineView::jobActivated);
    connect(m_chart, &TimelineChart::summaryChanged, this, &TimelineView::updateSummary);

    auto *controls = new QHBoxLayout;
    controls->addWidget(laneLabel);
    controls->addWidget(m_laneModeBox);
    controls->addSpacing(16);
    controls->addWidget(m_legendLabel);
    controls->addStretch(1);
    controls->addWidget(m_zoomOutButton);
    controls->addWidget(m_zoomInButton);
    controls->addWidget(m_fitButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_usageLabel);
    layout->addLayout(controls);
    layout->addWidget(m_chart, 1);
}

void TimelineView::setRun(const QString &runId, const QList<AttemptRecord> &attempts,
                          const QList<std::pair<QString, QString>> &dependencies,
                          const QHash<QString, QString> &workstreamOf)
{
    m_chart->setRun(runId, attempts, dependencies, workstreamOf);
    updateUsage(attempts);
}

void TimelineView::updateUsage(const QList<AttemptRecord> &attempts)
{
    // Per job first: a job's cost is known when each of its attempts' is.
    QHash<QString, AttemptUsage> jobs;
    for (const AttemptRecord &attempt : attempts) {
        AttemptUsage &usage = jobs[attempt.jobId];
        const bool known = (usage.isEmpty() || usage.costUsd) && (attempt.usage.isEmpty() || attempt.usage.costUsd);
        const double cost = usage.costUsd.value_or(0) + attempt.usage.costUsd.value_or(0);
        usage.inputTokens += attempt.usage.inputTokens;
        usage.cachedInputTokens += attempt.usage.cachedInputTokens;
        usage.outputTokens += attempt.usage.outputTokens;
        usage.costUsd = known && !usage.isEmpty() ? std::optional<double>(cost) : std::nullopt;
    }
    UsageTotal total;
    for (const AttemptUsage &usage : std::as_const(jobs))
        total.add(usage, +1);
    m_usageLabel->setVisible(!total.isEmpty());
    if (total.isEmpty())
        return;
    //: the AI tools' use in a run: "Jobs 12 · Tokens 123.4k in · 12.3k out · Cost $1.27"
    // Bold figures, as in the summary above.
    const auto figure = [](const QString &text) { return QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()); };
    m_usageLabel->setText(tr("Jobs %1 · Tokens %2 · Cost %3")
                              .arg(figure(QString::number(jobs.size())),
                                   figure(UsageWords::tokens(total.inputTokens, total.outputTokens)), figure(UsageWords::cost(total))));
    m_usageLabel->setToolTip(UsageWords::details(total));
}

void TimelineView::clear()
{
    m_chart->clear();
    m_usageLabel->hide();
}
QString TimelineView::runId() const { return m_chart->runId(); }

void TimelineView::setLaneMode(LaneMode mode)
{
    m_laneModeBox->setCurrentIndex(mode == LaneMode::Workstreams ? 1 : 0);
    m_chart->setLaneMode(mode);
}

TimelineView::LaneMode TimelineView::laneMode() const { return m_chart->laneMode(); }

void TimelineView::setSelectedJob(const QString &jobId) { m_chart->setSelectedJob(jobId); }
QString TimelineView::selectedJob() const { return m_chart->selectedJob(); }

void TimelineView::zoomIn() { m_chart->zoomBy(ZoomStep, m_chart->viewport()->width() / 2); }
void TimelineView::zoomOut() { m_chart->zoomBy(1.0 / ZoomStep, m_chart->viewport()->width() / 2); }
void TimelineView::zoomToFit() { m_chart->zoomToFit(); }
double TimelineView::pixelsPerSecond() const { return m_chart->pixelsPerSecond(); }

Graph::RunSummary TimelineView::summary() const { return m_chart->summary(); }
int TimelineView::laneCount() const { return m_chart->laneCount(); }

QString TimelineView::jobAt(const QPoint &viewportPos) const { return m_chart->jobAt(viewportPos); }
TimelineView::DensityCell TimelineView::densityCellAt(const QPoint &viewportPos) const { return m_chart->densityCellAt(viewportPos); }
QRect TimelineView::barRect(const QString &jobId, int attempt) const { return m_chart->barRect(jobId, attempt); }
QWidget *TimelineView::chartViewport() const { return m_chart->viewport(); }

void TimelineView::updateSummary()
{
    const Graph::RunSummary &s = m_chart->summary();
    const bool hasData = s.attempts > 0;
    m_zoomInButton->setEnabled(hasData);
    m_zoomOutButton->setEnabled(hasData);
    m_fitButton->setEnabled(hasData);
    if (!hasData) {
        m_summaryLabel->setText(m_chart->runId().isEmpty() ? tr("No run selected")
                                                           : tr("Run %1: no attempts yet").arg(m_chart->runId().toHtmlEscaped()));
        m_summaryLabel->setToolTip({});
        return;
    }

    // Figures first, the chain last: when the line wraps, only the chain moves.
    const auto figure = [](const QString &text) { return QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()); };
    QStringList parts;
    parts << tr("Run %1").arg(figure(m_chart->runId()));
    parts << (m_chart->isLive() ? tr("Duration %1, running") : tr("Duration %1")).arg(figure(durationText(s.durationMs)));
    parts << tr("Attempts %1").arg(figure(QString::number(s.attempts)));
    parts << tr("Utilisation %1 of %2 slots")
                 .arg(figure(QStringLiteral("%1%").arg(qRound(s.utilisation * 100))), QString::number(s.slotCount));

    // At most four job ids inline; the tooltip lists the chain.
    const QFontMetrics metrics(m_summaryLabel->font());
    const auto shortId = [&](const QString &id) { return metrics.elidedText(id, Qt::ElideMiddle, 180); };
    const QString arrow = QStringLiteral(" \u2192 ");
    QStringList shown;
    const QStringList &path = s.criticalPath;
    if (path.size() <= 4) {
        for (const QString &id : path)
            shown << shortId(id);
    } else {
        shown << shortId(path[0]) << shortId(path[1]) << QStringLiteral("\u2026") << shortId(path.constLast());
    }
    if (path.isEmpty())
        parts << tr("Critical path: none");
    else
        parts << tr("Critical path %1: %2").arg(figure(durationText(s.criticalPathMs)), shown.join(arrow).toHtmlEscaped());
    m_summaryLabel->setText(parts.join(QStringLiteral(" &nbsp;\u00b7&nbsp; ")));

    QString chain = path.mid(0, MaxTooltipJobs).join(arrow);
    if (path.size() > MaxTooltipJobs)
        chain += arrow + tr("and %1 more").arg(path.size() - MaxTooltipJobs);
    const QString started =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(s.startMs), QLocale::LongFormat);
    QString toolTip = QStringLiteral("<p>%1</p>").arg(tr("Started %1").arg(started).toHtmlEscaped());
    if (!path.isEmpty()) {
        toolTip += QStringLiteral("<p>%1</p>").arg(tr("Critical path (%1, %2 jobs): %3")
                                                       .arg(durationText(s.criticalPathMs))
                                                       .arg(path.size())
                                                       .arg(chain)
                                                       .toHtmlEscaped());
    }
    m_summaryLabel->setToolTip(toolTip);
    m_chart->setAccessibleDescription(QTextDocumentFragment::fromHtml(m_summaryLabel->text()).toPlainText());
}

} // namespace Orchestrator::Ui

#include "timelineview.moc"
