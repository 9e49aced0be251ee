#include "models/stateicons.h"

#include <QFile>
#include <QHash>

#include "graph/rungraph.h"

namespace Orchestrator::Ui {

namespace {

// QIcon from SVG is rendered by the qsvgicon plugin (Debian: libqt6svg6). Icons
// are shared because the SVG engine caches its rendered pixmaps per icon: a
// fresh QIcon per data() call would re-render on every repaint. The cache is
// deliberately never destroyed, so no icon engine (plugin code) runs after
// QGuiApplication is gone. GUI thread only, like QIcon itself.
QIcon cachedIcon(const QString &fileName)
{
    static auto *const cache = new QHash<QString, QIcon>;
    const auto found = cache->constFind(fileName);
    if (found != cache->constEnd())
        return *found;
    const QString path = QStringLiteral(":/orchestrator/icons/") + fileName;
    const QIcon icon = QFile::exists(path) ? QIcon(path) : QIcon();
    cache->insert(fileName, icon);
    return icon;
}

} // namespace

QIcon stateIcon(JobState state)
{
    return cachedIcon(QStringLiteral("state-") + toString(state) + QStringLiteral(".svg"));
}

QColor stateColor(JobState state)
{
    return QColor(Graph::stateColorName(state));
}

QIcon actionIcon(const QString &name)
{
    return cachedIcon(QStringLiteral("action-") + name + QStringLiteral(".svg"));
}

QIcon applicationIcon()
{
    return cachedIcon(QStringLiteral("orchestrator.svg"));
}

} // namespace Orchestrator::Ui
