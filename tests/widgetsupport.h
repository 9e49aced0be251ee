#pragma once

// Helpers for the widget tests: find a named child or fail loudly, pick a
// combo box entry by its data, read what the labels show.

#include <QComboBox>
#include <QLabel>
#include <QObject>
#include <QStringList>
#include <QTest>

namespace WidgetSupport {

template<typename T>
T *child(const QObject &parent, const char *name)
{
    T *widget = parent.findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("%s has no child %s", parent.metaObject()->className(), name);
    return widget;
}

inline void selectData(QComboBox *combo, const QString &value)
{
    const int index = combo->findData(value);
    QVERIFY2(index >= 0, qPrintable(value));
    combo->setCurrentIndex(index);
}

// The texts of every visible label below `parent` (banners, status bar), for
// asserting what a user reads.
inline QString visibleLabels(const QWidget &parent)
{
    QStringList texts;
    for (QLabel *label : parent.findChildren<QLabel *>()) {
        if (label->isVisible())
            texts.append(label->text());
    }
    return texts.join(QStringLiteral(" | "));
}

} // namespace WidgetSupport
