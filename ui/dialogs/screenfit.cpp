#include "dialogs/screenfit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace Orchestrator::Ui {

namespace {

// What a window manager typically adds around a window: a title bar and
// borders. Window frames are not known before the window is shown.
constexpr int kFrameWidth = 16;
constexpr int kFrameHeight = 48;

} // namespace

QSize boundedToScreen(const QWidget *window, QSize wanted)
{
    const QWidget *anchor = window->isVisible() || !window->parentWidget() ? window : window->parentWidget()->window();
    const QScreen *screen = anchor->screen() ? anchor->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return wanted;
    const QSize available = screen->availableGeometry().size() - QSize(kFrameWidth, kFrameHeight);
    return wanted.boundedTo(available).expandedTo(window->minimumSize());
}

} // namespace Orchestrator::Ui
