#include "dagview.h"

#include <QComboBox>
#include <QContextMenuEvent>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>

#include "core/databasefiles.h"
#include "dialogs/filedialogs.h"
#include "graph/graphexport.h"
#include "core/jobrules.h"
#include "views/dagscene.h"

namespace Orchestrator::Ui {

// The main view: Ctrl+wheel zooms around the cursor, drag pans, a click
// selects a node, a double-click expands or collapses, right-click opens
// the node's menu, hovering a node brings out its edges. Reports through
// callbacks (set by DagView).
class DagGraphicsView final : public QGraphicsView
{
public:
    explicit DagGraphicsView(DagScene *scene)
        : QGraphicsView(scene)
        , m_scene(scene)
    {
        setDragMode(QGraphicsView::ScrollHandDrag);
        setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
        setResizeAnchor(QGraphicsView::AnchorViewCenter);
        setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
        setRenderHint(QPainter::Antialiasing);
        setRenderHint(QPainter::TextAntialiasing);
        setOptimizationFlag(QGraphicsView::DontSavePainterState);
        setFocusPolicy(Qt::StrongFocus);
        viewport()->setMouseTracking(true);
    }

    // The node drawn at `viewPos`, its label included (labels keep their
    // screen size, so only the view knows where they are).
    int nodeAtView(const QPoint &viewPos) const
    {
        const QList<QGraphicsItem *> hits = items(viewPos);
        for (const QGraphicsItem *item : hits) {
            const int node = m_scene->nodeOfItem(item);
            if (node >= 0)
                return node;
        }
        return -1;
    }

    std::function<void(int)> clicked;
    std::function<void(int)> activated;
    std::function<void(int, QPoint)> menuRequested;
    std::function<void()> viewChanged;

    void zoomBy(double factor)
    {
        const double current = transform().m11();
        const double next = qBound(0.02, current * factor, 4.0);
        scale(next / current, next / current);
        if (viewChanged)
            viewChanged();
    }

protected:
    void wheelEvent(QWheelEvent *event) override
    {
        if (event->modifiers() & Qt::ControlModifier) {
            zoomBy(event->angleDelta().y() > 0 ? 1.2 : 1 / 1.2);
            event->accept();
            return;
        }
        QGraphicsView::wheelEvent(event);
    }
    void mousePressEvent(QMouseEvent *event) override
    {
        m_pressAt = event->position().toPoint();
        QGraphicsView::mousePressEvent(event);
    }
    void mouseMoveEvent(QMouseEvent *event) override
    {
        QGraphicsView::mouseMoveEvent(event);
        if (event->buttons() == Qt::NoButton)
            m_scene->setHoveredNode(nodeAtView(event->position().toPoint()));
    }
    void leaveEvent(QEvent *event) override
    {
        m_scene->setHoveredNode(-1);
        QGraphicsView::leaveEvent(event);
    }
    void mouseReleaseEvent(QMouseEvent *event) override
    {
        QGraphicsView::mouseReleaseEvent(event);
        // A click, not the end of a drag.
        if (event->button() == Qt::LeftButton && (event->position().toPoint() - m_pressAt).manhattanLength() < 4 && clicked)
            clicked(nodeAtView(event->position().toPoint()));
    }
    void mouseDoubleClickEvent(QMouseEvent *event) override
    {
        const int node = nodeAtView(event->position().toPoint());
        if (node >= 0 && activated)
            activated(node);
        event->accept();
    }
    void contextMenuEvent(QContextMenuEvent *event) override
    {
        const int node = nodeAtView(event->pos());
        if (node >= 0 && menuRequested)
            menuRequested(node, event->globalPos());
    }
    void scrollContentsBy(int dx, int dy) override
    {
        QGraphicsView::scrollContentsBy(dx, dy);
        if (viewChanged)
            viewChanged();
    }
    void resizeEvent(QResizeEvent *event) override
    {
        QGraphicsView::resizeEvent(event);
        if (viewChanged)
            viewChanged();
    }

private:
    DagScene *m_scene;
    QPoint m_pressAt;
};

// An overview of the whole graph in the view's corner: a picture of the
// scene rendered once per layout (and after state changes or a new palette,
// debounced) with the visible area drawn on it; clicking or dragging moves
// the view there.
class DagMinimap final : public QWidget
{
public:
    DagMinimap(DagScene *scene, QGraphicsView *view)
        : QWidget(view)
        , m_scene(scene)
        , m_view(view)
    {
        setFixedSize(220, 150);
        setCursor(Qt::PointingHandCursor);
        setAccessibleName(DagView::tr("Graph overview"));
        setToolTip(DagView::tr("Overview: click or drag to move the view"));
        m_refresh.setSingleShot(true);
        m_refresh.setInterval(400);
        QObject::connect(&m_refresh, &QTimer::timeout, this, [this] { render(); });
    }

    void scheduleRender() { m_refresh.start(); }
    void render()
    {
        const QRectF source = m_scene->sceneRect();
        if (source.isEmpty()) {
            m_picture = {};
            update();
            return;
        }
        const double s = qMin((width() - 8) / source.width(), (height() - 8) / source.height());
        m_scale = s;
        m_picture = QPixmap(QSize(int(source.width() * s) + 1, int(source.height() * s) + 1));
        m_picture.fill(m_scene->backgroundBrush().color());
        QPainter painter(&m_picture);
        m_scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(m_picture.size())), source);
        update();
    }

protected:
    void changeEvent(QEvent *event) override
    {
        QWidget::changeEvent(event);
        if (event->type() == QEvent::PaletteChange)
            scheduleRender();
    }
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        QColor background = palette().color(QPalette::Window);
        background.setAlpha(235);
        painter.fillRect(rect(), background);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(rect().adjusted(0, 0, -1, -1));
        if (m_picture.isNull())
            return;
        painter.drawPixmap(origin(), m_picture);
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        const QRectF source = m_scene->sceneRect();
        QRectF box((visible.left() - source.left()) * m_scale, (visible.top() - source.top()) * m_scale, visible.width() * m_scale,
                   visible.height() * m_scale);
        box.translate(origin());
        QColor highlight = palette().color(QPalette::Highlight);
        painter.setPen(QPen(highlight, 1.5));
        highlight.setAlpha(40);
        painter.setBrush(highlight);
        painter.drawRect(box.intersected(QRectF(rect()).adjusted(1, 1, -1, -1)));
    }
    void mousePressEvent(QMouseEvent *event) override { moveTo(event->position()); }
    void mouseMoveEvent(QMouseEvent *event) override
    {
        if (event->buttons() & Qt::LeftButton)
            moveTo(event->position());
    }

private:
    QPointF origin() const { return QPointF((width() - m_picture.width()) / 2.0, (height() - m_picture.height()) / 2.0); }
    void moveTo(const QPointF &at)
    {
        if (m_picture.isNull() || m_scale <= 0)
            return;
        const QPointF local = at - origin();
        m_view->centerOn(m_scene->sceneRect().topLeft() + local / m_scale);
        update();
    }

    DagScene *m_scene;
    QGraphicsView *m_view;
    QPixmap m_picture;
    double m_scale = 0;
    QTimer m_refresh;
};

DagView::DagView(QWidget *parent)
    : QWidget(parent)
{
    m_scene = new DagScene(this);
    m_view = new DagGraphicsView(m_scene);
    m_view->setAccessibleName(tr("Job graph"));
    m_view->setAccessibleDescription(tr("Jobs of the selected run and their dependencies. Ctrl+wheel zooms, drag pans, "
                                        "double-click expands or collapses a workstream."));
    m_minimap = new DagMinimap(m_scene, m_view);
    m_watcher = new QFutureWatcher<LayoutResult>(this);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    m_find = new QLineEdit;
    m_find->setPlaceholderText(tr("Find job by id, Enter to centre it"));
    m_find->setAccessibleName(tr("Find job in graph"));
    m_find->setClearButtonEnabled(true);
    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (!findJob(m_find->text().trimmed()))
            m_status->setText(tr("No job \"%1\" in this graph").arg(m_find->text().trimmed()));
    });
    bar->addWidget(m_find, 1);

    auto button = [this, bar](const QString &text, const QString &tip, const QKeySequence &key, const std::function<void()> &action) {
        auto *b = new QToolButton;
        b->setText(text);
        b->setToolTip(key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        b->setAccessibleName(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, action);
        if (!key.isEmpty()) {
            auto *shortcut = new QShortcut(key, this);
            shortcut->setContext(Qt::WidgetWithChildrenShortcut);
            connect(shortcut, &QShortcut::activated, this, action);
        }
        bar->addWidget(b);
        return b;
    };
    button(QStringLiteral("−"), tr("Zoom out"), QKeySequence(Qt::CTRL | Qt::Key_Minus), [this] { zoomOut(); });
    button(QStringLiteral("+"), tr("Zoom in"), QKeySequence(Qt::CTRL | Qt::Key_Plus), [this] { zoomIn(); });
    button(tr("Fit"), tr("Fit the graph to the window"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { fitToWindow(); });
    button(tr("Collapse all"), tr("Draw every workstream as one node"), {}, [this] { collapseAll(); });
    button(tr("Expand all"), tr("Draw every job"), {}, [this] { expandAll(); });
    m_direction = new QComboBox;
    m_direction->addItem(tr("Top-down"));
    m_direction->addItem(tr("Left-right"));
    m_direction->setAccessibleName(tr("Graph direction"));
    connect(m_direction, &QComboBox::currentIndexChanged, this, [this](int index) {
        setDirection(index == 1 ? Graph::LayoutOptions::Direction::LeftRight : Graph::LayoutOptions::Direction::TopDown);
    });
    bar->addWidget(m_direction);
    button(tr("Export…"), tr("Save the graph as SVG or PNG"), {}, [this] { exportInteractively(); });
    m_status = new QLabel;
    m_status->setMinimumWidth(180);
    bar->addWidget(m_status);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_find->setFocus(Qt::ShortcutFocusReason);
        m_find->selectAll();
    });

    m_view->clicked = [this](int node) { nodeClicked(node); };
    m_view->activated = [this](int node) { nodeActivated(node); };
    m_view->menuRequested = [this](int node, QPoint at) { showNodeMenu(node, at); };
    m_view->viewChanged = [this] {
        m_scene->setViewScale(m_view->transform().m11());
        m_minimap->move(m_view->viewport()->width() - m_minimap->width() - 8, m_view->viewport()->height() - m_minimap->height() - 8);
        // Only useful when part of the graph is out of sight.
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        const QRectF graph(QPointF(0, 0), m_scene->layout().size);
        m_minimap->setVisible(m_scene->nodeCount() > 0 && !visible.contains(graph));
        m_minimap->update();
    };
    connect(m_watcher, &QFutureWatcher<LayoutResult>::finished, this, [this] { applyLayout(m_watcher->result()); });
    m_scene->setPalette(palette());
    updateStatus();
}

DagView::~DagView()
{
    m_watcher->waitForFinished();
}

QGraphicsView *DagView::graphicsView() const { return m_view; }

void DagView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The canvas follows the widgets' palette (a theme switch sends both).
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        m_scene->setPalette(palette());
}

void DagView::setRun(const QString &runId, const QList<JobRecord> &jobs, const QList<std::pair<QString, QString>> &dependencies)
{
    if (runId != m_runId) {
        m_collapsed.clear();
        m_fitAfterLayout = true;
        if (jobs.size() > autoCollapseAbove) {
            for (const JobRecord &job : jobs)
                m_collapsed.insert(job.workstreamId);
        }
    }
    m_runId = runId;
    m_jobs = jobs;
    m_dependencies = dependencies;
    relayout();
}

void DagView::updateJobs(const QList<JobRecord> &jobs)
{
    bool relevant = false;
    for (const JobRecord &job : jobs) {
        if (job.runId != m_runId)
            continue;
        relevant = true;
        // Keep the source list current for the next relayout.
        for (JobRecord &known : m_jobs) {
            if (known.jobId == job.jobId) {
                known.state = job.state;
                break;
            }
        }
    }
    if (relevant && m_scene->updateJobs(jobs))
        m_minimap->scheduleRender();
}

void DagView::relayout()
{
    const quint64 generation = ++m_generation;
    m_pending = true;
    updateStatus();
    const Graph::RunGraph graph = Graph::buildRunGraph(m_runId, m_jobs, m_dependencies, m_collapsed);
    Graph::LayoutInput input;
    input.sizes = m_scene->measure(graph);
    input.edges = graph.edges;
    Graph::LayoutOptions options;
    options.direction = m_directionValue;
    m_watcher->setFuture(QtConcurrent::run([generation, graph, input, options] {
        QElapsedTimer clock;
        clock.start();
        LayoutResult result;
        result.generation = generation;
        result.graph = graph;
        result.layout = Graph::layoutDag(input, options);
        result.ms = double(clock.nsecsElapsed()) / 1e6;
        return result;
    }));
}

void DagView::applyLayout(const LayoutResult &result)
{
    if (result.generation != m_generation)
        return;                 // a newer request is on its way
    m_pending = false;
    m_lastLayoutMs = result.ms;
    m_scene->setLayout(result.graph, result.layout);
    m_view->setSceneRect(m_scene->sceneRect());
    // States may have changed while the layout ran.
    m_scene->updateJobs(m_jobs);
    const int selected = m_scene->graph().nodeIndex(m_selectedJob);
    m_scene->setCurrentNode(selected);
    if (m_fitAfterLayout) {
        fitToWindow();
        m_fitAfterLayout = false;
    } else if (!m_focusJob.isEmpty() || !m_focusWorkstream.isEmpty()) {
        const int focus = m_focusJob.isEmpty() ? workstreamFocus(m_focusWorkstream) : m_scene->graph().nodeIndex(m_focusJob);
        if (focus >= 0)
            showReadable(m_scene->nodeRect(focus).center());
    }
    m_focusJob.clear();
    m_focusWorkstream.clear();
    m_minimap->render();
    m_view->viewChanged();
    updateStatus();
    Q_EMIT layoutFinished();
}

void DagView::updateStatus()
{
    if (m_runId.isEmpty()) {
        m_status->setText(tr("Select a run or a job"));
        return;
    }
    if (m_pending) {
        m_status->setText(tr("Laying out… (jobs: %1)").arg(m_jobs.size()));
        return;
    }
    m_status->setText(tr("%1 · nodes: %2 · layout %3 ms").arg(m_runId).arg(m_scene->nodeCount()).arg(m_lastLayoutMs, 0, 'f', 0));
}

void DagView::setSelectedJob(const QString &jobId)
{
    m_selectedJob = jobId;
    const int node = m_scene->graph().nodeIndex(jobId);
    m_scene->setCurrentNode(node);
    if (node >= 0) {
        const QRectF rect = m_scene->nodeRect(node);
        const QRectF visible = m_view->mapToScene(m_view->viewport()->rect()).boundingRect();
        if (!visible.contains(rect))
            m_view->centerOn(rect.center());
    }
}

void DagView::nodeClicked(int node)
{
    if (node < 0) {
        m_selectedJob.clear();
        m_scene->setCurrentNode(-1);
        return;
    }
    const Graph::GraphNode &n = m_scene->graph().nodes.at(node);
    m_scene->setCurrentNode(node);
    if (!n.group) {
        m_selectedJob = n.id;
        Q_EMIT jobSelected(n.id);
    }
}

void DagView::nodeActivated(int node)
{
    const Graph::GraphNode &n = m_scene->graph().nodes.at(node);
    setWorkstreamCollapsed(n.workstreamId, !n.group);
}

void DagView::showNodeMenu(int node, const QPoint &globalPos)
{
    QMenu menu;
    fillNodeMenu(menu, node);
    menu.exec(globalPos);
}

void DagView::fillNodeMenu(QMenu &menu, int node)
{
    const Graph::GraphNode n = m_scene->graph().nodes.at(node);
    // Offered where they can act (the engine's own rules), saying why not.
    menu.setToolTipsVisible(true);
    auto offer = [](QAction *action, bool works, const QString &whyNot) {
        action->setEnabled(works);
        if (!works)
            action->setToolTip(whyNot);
    };
    if (n.group) {
        menu.addAction(tr("&Expand workstream %1").arg(n.workstreamId), this, [this, n] { setWorkstreamCollapsed(n.workstreamId, false); });
        QStringList ids;
        for (auto it = m_scene->graph().nodeOfJob.cbegin(); it != m_scene->graph().nodeOfJob.cend(); ++it) {
            if (it.value() == node)
                ids.append(it.key());
        }
        std::sort(ids.begin(), ids.end());
        offer(menu.addAction(tr("&Retry its failed jobs"), this, [this, ids] { Q_EMIT retryRequested(ids); }), n.failed > 0,
              tr("No job of this workstream has failed."));
        offer(menu.addAction(tr("&Cancel its jobs"), this, [this, ids] { Q_EMIT cancelRequested(ids); }), n.done < n.jobs,
              tr("Every job of this workstream has ended."));
    } else {
        nodeClicked(node);
        offer(menu.addAction(tr("&Retry"), this, [this, n] { Q_EMIT retryRequested({n.id}); }), canRetry(n.state),
              tr("Only a job that ended without success or waits to retry can be retried."));
        offer(menu.addAction(tr("&Cancel"), this, [this, n] { Q_EMIT cancelRequested({n.id}); }), !isFinal(n.state),
              tr("This job has ended: only unfinished jobs can be cancelled."));
        menu.addAction(tr("Show &log"), this, [this, n] { Q_EMIT showLogRequested(n.id); });
        menu.addSeparator();
        menu.addAction(tr("C&ollapse workstream %1").arg(n.workstreamId), this, [this, n] { setWorkstreamCollapsed(n.workstreamId, true); });
    }
}

void DagView::setWorkstreamCollapsed(const QString &workstreamId, bool collapsed)
{
    if (collapsed == m_collapsed.contains(workstreamId))
        return;
    if (collapsed)
        m_collapsed.insert(workstreamId);
    else
        m_collapsed.remove(workstreamId);
    // The user keeps looking at the workstream: its node, or its jobs.
    m_focusWorkstream = workstreamId;
    m_focusJob.clear();
    m_fitAfterLayout = false;
    relayout();
}

void DagView::collapseAll()
{
    for (const JobRecord &job : std::as_const(m_jobs))
        m_collapsed.insert(job.workstreamId);
    m_fitAfterLayout = true;
    m_focusJob.clear();
    m_focusWorkstream.clear();
    relayout();
}

void DagView::expandAll()
{
    m_collapsed.clear();
    m_fitAfterLayout = true;
    m_focusJob.clear();
    m_focusWorkstream.clear();
    relayout();
}

void DagView::setDirection(Graph::LayoutOptions::Direction direction)
{
    if (direction == m_directionValue)
        return;
    m_directionValue = direction;
    m_direction->setCurrentIndex(direction == Graph::LayoutOptions::Direction::LeftRight ? 1 : 0);
    m_fitAfterLayout = true;
    relayout();
}

bool DagView::findJob(const QString &jobId)
{
    const int node = m_scene->graph().nodeIndex(jobId);
    if (node < 0)
        return false;
    if (m_scene->graph().nodes.at(node).group) {
        // Inside a collapsed workstream: expand it, then show the job.
        m_selectedJob = jobId;
        setWorkstreamCollapsed(m_scene->graph().nodes.at(node).workstreamId, false);
        m_focusJob = jobId;
        Q_EMIT jobSelected(jobId);
        return true;
    }
    setSelectedJob(jobId);
    showReadable(m_scene->nodeRect(node).center());
    Q_EMIT jobSelected(jobId);
    return true;
}

int DagView::workstreamFocus(const QString &workstreamId) const
{
    const Graph::RunGraph &graph = m_scene->graph();
    const int selected = graph.nodeIndex(m_selectedJob);
    if (selected >= 0 && graph.nodes.at(selected).workstreamId == workstreamId)
        return selected;
    // Its jobs may be spread among others': the one nearest their middle.
    QRectF all;
    for (int i = 0; i < m_scene->nodeCount(); ++i) {
        if (graph.nodes.at(i).workstreamId == workstreamId)
            all = all.united(m_scene->nodeRect(i));
    }
    int nearest = -1;
    double best = 0;
    for (int i = 0; i < m_scene->nodeCount(); ++i) {
        if (graph.nodes.at(i).workstreamId != workstreamId)
            continue;
        const QPointF d = m_scene->nodeRect(i).center() - all.center();
        const double distance = QPointF::dotProduct(d, d);
        if (nearest < 0 || distance < best) {
            nearest = i;
            best = distance;
        }
    }
    return nearest;
}

void DagView::showReadable(const QPointF &centre)
{
    const double scale = qMax(m_view->transform().m11(), m_scene->readableScale());
    m_view->setTransform(QTransform::fromScale(scale, scale));
    // Room around the graph, so a node at its border can be centred too.
    const QSizeF half(m_view->viewport()->width() / scale / 2, m_view->viewport()->height() / scale / 2);
    m_view->setSceneRect(m_scene->sceneRect().united(QRectF(centre - QPointF(half.width(), half.height()), half * 2)));
    m_view->centerOn(centre);
    m_view->viewChanged();
}

void DagView::zoomIn() { m_view->zoomBy(1.25); }
void DagView::zoomOut() { m_view->zoomBy(1 / 1.25); }

void DagView::fitToWindow()
{
    if (m_scene->sceneRect().isEmpty())
        return;
    m_view->setSceneRect(m_scene->sceneRect());
    m_view->fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    // Never blow a small graph up beyond its natural size.
    if (m_view->transform().m11() > 1.0)
        m_view->setTransform(QTransform());
    m_view->viewChanged();
}

bool DagView::exportTo(const QString &fileName, QString *error)
{
    if (Status s = DatabaseFiles::refuseIfInUse(fileName, true); !s) {
        if (error)
            *error = s.error().message;
        return false;
    }
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    QByteArray bytes;
    if (suffix == QLatin1String("svg")) {
        bytes = Graph::toSvg(m_scene->graph(), m_scene->layout(), m_scene->measure(m_scene->graph()));
    } else if (suffix == QLatin1String("png")) {
        auto png = m_scene->toPng(1.0);
        if (!png) {
            if (error)
                *error = png.error().message;
            return false;
        }
        bytes = *png;
    } else {
        if (error)
            *error = tr("%1: choose a name ending in .svg or .png").arg(fileName);
        return false;
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("%1: cannot write: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

void DagView::exportInteractively()
{
    const QString suggested = (m_runId.isEmpty() ? QStringLiteral("graph") : m_runId) + QStringLiteral(".svg");
    const QString fileName = FileDialogs::saveFileName(this, tr("Export graph"), suggested, tr("SVG image (*.svg);;PNG image (*.png)"));
    if (fileName.isEmpty())
        return;
    QString error;
    m_status->setText(exportTo(fileName, &error) ? tr("Saved %1").arg(QFileInfo(fileName).fileName()) : error);
}

} // namespace Orchestrator::Ui
