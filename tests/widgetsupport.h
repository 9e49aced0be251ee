#pragma once

// Helpers for the widget tests: find a named child or fail loudly, and pick a
// combo box entry by its data.

#include <QComboBox>
#include <QObject>
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

} // namespace WidgetSupport
