#include "wizard/wizardstyle.h"

#include <QWidget>

namespace Orchestrator::Ui {

QColor errorColor(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xb7, 0x1c, 0x1c);
}

QColor warningColor(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0xc8, 0x57) : QColor(0x8a, 0x55, 0x00);
}

void setErrorPalette(QWidget *widget)
{
    QPalette palette = widget->palette();
    const QColor red = errorColor(palette);
    palette.setColor(QPalette::WindowText, red);
    palette.setColor(QPalette::Text, red);
    widget->setPalette(palette);
}

} // namespace Orchestrator::Ui
