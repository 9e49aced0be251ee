#include "emptystate.h"

#include <QAction>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace Orchestrator::Ui {

namespace {

// "Submit a job (Ctrl+N)": the action's text without its mnemonic and dots.
QString buttonText(const QAction *action, const QString &words)
{
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    return keys.isEmpty() ? words : QStringLiteral("%1 (%2)").arg(words, keys);
}

} // namespace

EmptyState::EmptyState(QAction *submit, QAction *convert, QWidget *parent)
    : QWidget(parent)
    , m_submit(submit)
    , m_convert(convert)
{
    setObjectName(QStringLiteral("emptyState"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("emptyTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_text = new QLabel;
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setMaximumWidth(560);
    m_text->setMinimumWidth(240);

    auto *submitButton = new QPushButton;
    submitButton->setObjectName(QStringLiteral("emptySubmit"));
    connect(submitButton, &QPushButton::clicked, m_submit, &QAction::trigger);
    auto *convertButton = new QPushButton;
    convertButton->setObjectName(QStringLiteral("emptyConvert"));
    connect(convertButton, &QPushButton::clicked, m_convert, &QAction::trigger);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(submitButton);
    buttons->addWidget(convertButton);
    buttons->addStretch();

    m_drop = new QLabel;
    m_drop->setAlignment(Qt::AlignCenter);
    m_cli = new QLabel;
    m_cli->setObjectName(QStringLiteral("emptyCommandLine"));
    m_cli->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_cli->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cli->setAlignment(Qt::AlignCenter);
    m_cli->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_title, 0, Qt::AlignHCenter);
    layout->addSpacing(6);
    // A word-wrapped label takes its height from its width only without an
    // alignment in the layout: centred by stretches instead.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(m_text, 4);
    textRow->addStretch(1);
    layout->addLayout(textRow);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addSpacing(6);
    layout->addWidget(m_drop);
    layout->addSpacing(12);
    layout->addWidget(m_cli);
    layout->addStretch(3);
    retranslate();
}

void EmptyState::setDatabasePath(const QString &path)
{
    m_databasePath = path;
    retranslate();
}

QString EmptyState::commandLine() const
{
    QString db = m_databasePath;
    if (db.contains(QLatin1Char(' ')) || db.contains(QLatin1Char('\'')))
        db = QLatin1Char('\'') + db.replace(QLatin1Char('\''), QStringLiteral("'\\''")) + QLatin1Char('\'');
    return QStringLiteral("orchestrator --db %1 submit jobs/").arg(db);
}

void EmptyState::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EmptyState::retranslate()
{
    m_title->setText(tr("No jobs yet"));
    m_text->setText(tr("Orchestrator queues command-line jobs (AI coding agents, git, tests, scripts), runs them "
                       "in parallel with retries and dependencies, and shows here what each is doing."));
    findChild<QPushButton *>(QStringLiteral("emptySubmit"))->setText(buttonText(m_submit, tr("Submit a job")));
    findChild<QPushButton *>(QStringLiteral("emptyConvert"))->setText(buttonText(m_convert, tr("Convert workstreams")));
    m_drop->setText(tr("or drop job files here"));
    m_cli->setText(tr("From a terminal: %1").arg(commandLine()));
}

} // namespace Orchestrator::Ui
