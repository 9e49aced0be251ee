#pragma once

#include <QWidget>

class QAction;
class QLabel;

namespace Orchestrator::Ui {

// What the jobs pane shows while the database has no job: what this is, the
// two ways to start (buttons for the Submit and Convert actions, dropping
// files) and the command line that does the same.
class EmptyState final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyState)

public:
    EmptyState(QAction *submit, QAction *convert, QWidget *parent = nullptr);

    // The database the command line should name.
    void setDatabasePath(const QString &path);
    QString commandLine() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QAction *m_submit = nullptr;
    QAction *m_convert = nullptr;
    QString m_databasePath;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_drop = nullptr;
    QLabel *m_cli = nullptr;
};

} // namespace Orchestrator::Ui
