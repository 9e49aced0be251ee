<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="26"/>
        <source>The Orchestrator dashboard.</source>
        <translation>Das Orchestrator-Dashboard.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="28"/>
        <source>Database file.</source>
        <translation>Datenbankdatei.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="29"/>
        <source>Parallel jobs.</source>
        <translation>Parallele Jobs.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="30"/>
        <source>Start with the queue paused.</source>
        <translation>Mit angehaltener Warteschlange starten.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="31"/>
        <source>Save a PNG of the window and exit.</source>
        <translation>Ein PNG des Fensters speichern und beenden.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="33"/>
        <source>Wait before the screenshot.</source>
        <translation>Vor dem Bildschirmfoto warten.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="35"/>
        <source>Select this job.</source>
        <translation>Diesen Job auswählen.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="36"/>
        <source>Show this tab of the selected job: log, retry, details, changes.</source>
        <translation>Diesen Reiter des ausgewählten Jobs zeigen: log, retry, details, changes.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="38"/>
        <source>Show this view: jobs, graph, timeline.</source>
        <translation>Diese Ansicht zeigen: jobs, graph, timeline.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="40"/>
        <source>Open the window at this size, e.g. 1024x640.</source>
        <translation>Das Fenster in dieser Größe öffnen, z. B. 1024x640.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="42"/>
        <source>Use this theme for this run: system, light or dark.</source>
        <translation>Für diesen Start dieses Design verwenden: system, light oder dark.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="45"/>
        <source>Job files to submit, workstream files to convert.</source>
        <translation>Jobdateien zum Einreichen, Workstream-Dateien zum Umwandeln.</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="61"/>
        <source>orchestrator: --size: &apos;%1&apos; is not a window size such as 1024x640</source>
        <translation>orchestrator: --size: „%1“ ist keine Fenstergröße wie 1024x640</translation>
    </message>
    <message>
        <location filename="../ui/app/dashboard.cpp" line="68"/>
        <source>orchestrator: --theme: &apos;%1&apos; is not one of system, light, dark</source>
        <translation>orchestrator: --theme: „%1“ ist nicht system, light oder dark</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/app/dashboard.cpp" line="88"/>
        <source>orchestrator: a dashboard already runs on %1 (pid %2); it was brought forward and given %n file(s).</source>
        <translation>
            <numerusform>orchestrator: auf %1 läuft bereits ein Dashboard (PID %2); es wurde in den Vordergrund geholt und hat %n Datei erhalten.</numerusform>
            <numerusform>orchestrator: auf %1 läuft bereits ein Dashboard (PID %2); es wurde in den Vordergrund geholt und hat %n Dateien erhalten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Engine</name>
    <message>
        <location filename="../engine/api/engine.cpp" line="407"/>
        <source>job %1 does not run in a worktree (isolation none): there is no change to show</source>
        <translation>Job %1 läuft nicht in einem Worktree (isolation none): Es gibt keine Änderung zu zeigen</translation>
    </message>
    <message>
        <location filename="../engine/api/engine.cpp" line="412"/>
        <source>job %1 has not run yet</source>
        <translation>Job %1 ist noch nicht gelaufen</translation>
    </message>
    <message>
        <location filename="../engine/api/engine.cpp" line="416"/>
        <source>job %1 has no attempt %2 (it made %3)</source>
        <translation>Job %1 hat keinen Versuch %2 (er hat %3 gemacht)</translation>
    </message>
    <message>
        <location filename="../engine/api/engine.cpp" line="419"/>
        <source>attempt %1 of job %2 is still running</source>
        <translation>Versuch %1 von Job %2 läuft noch</translation>
    </message>
    <message>
        <location filename="../engine/api/engine.cpp" line="420"/>
        <source>attempt %1 of job %2 recorded no change: %3</source>
        <translation>Versuch %1 von Job %2 hat keine Änderung aufgezeichnet: %3</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="38"/>
        <source>it did not run in a worktree (isolation none): its changes are in %1 already</source>
        <translation>er lief nicht in einem Worktree (isolation none): Seine Änderungen sind bereits in %1</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="41"/>
        <source>it ended %1: the change of a job that did not succeed never lands</source>
        <translation>er endete mit %1: Die Änderung eines nicht erfolgreichen Jobs wird nie übernommen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="42"/>
        <source>it is %1: only a succeeded job lands</source>
        <translation>sein Zustand ist %1: Nur ein erfolgreicher Job wird übernommen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="45"/>
        <source>it was discarded</source>
        <translation>er wurde verworfen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="47"/>
        <source>it recorded no result commit</source>
        <translation>er hat keinen Ergebnis-Commit aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="127"/>
        <source>name a run or some jobs to land, not both</source>
        <translation>Nennen Sie einen Lauf oder einzelne Jobs zum Übernehmen, nicht beides</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="140"/>
        <source>no run %1</source>
        <translation>kein Lauf %1</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="141"/>
        <source>no job of run %1 ran in a worktree: there is nothing to land</source>
        <translation>kein Job des Laufs %1 lief in einem Worktree: Es gibt nichts zu übernehmen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="204"/>
        <source>landed in %1 before</source>
        <translation>bereits zuvor in %1 übernommen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="212"/>
        <location filename="../engine/api/landing.cpp" line="333"/>
        <source>it changed nothing</source>
        <translation>er hat nichts geändert</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="229"/>
        <source>the jobs are in %1 repositories (%2): land each repository&apos;s jobs with --job-id</source>
        <translation>die Jobs liegen in %1 Repositories (%2): Übernehmen Sie die Jobs jedes Repositorys mit --job-id</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="239"/>
        <source>the jobs started from different branches (%1): name the branch to land on with --into</source>
        <translation>die Jobs starteten von verschiedenen Branches (%1): Nennen Sie den Ziel-Branch mit --into</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="244"/>
        <source>the run started on a detached HEAD: name the branch to land on with --into</source>
        <translation>der Lauf startete auf einem losgelösten HEAD: Nennen Sie den Ziel-Branch mit --into</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="278"/>
        <source>landed in %1 by a land that was interrupted</source>
        <translation>in %1 übernommen durch ein unterbrochenes Übernehmen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="339"/>
        <source>its change is in %1 already</source>
        <translation>seine Änderung ist bereits in %1</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="351"/>
        <source>not tried: the land stopped at %1</source>
        <translation>nicht versucht: Das Übernehmen hielt bei %1 an</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="351"/>
        <source>not tried</source>
        <translation>nicht versucht</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="358"/>
        <source>landed in %1, but the database could not record it (%2): the next land records it</source>
        <translation>in %1 übernommen, aber die Datenbank konnte es nicht aufzeichnen (%2): Das nächste Übernehmen holt es nach</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="388"/>
        <source>job %1 did not run in a worktree: there is nothing to discard</source>
        <translation>Job %1 lief nicht in einem Worktree: Es gibt nichts zu verwerfen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="392"/>
        <source>job %1 is %2: cancel it first, then discard it</source>
        <translation>Job %1 hat den Zustand %2: Brechen Sie ihn zuerst ab, dann verwerfen Sie ihn</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="396"/>
        <source>job %1 is discarded already</source>
        <translation>Job %1 ist bereits verworfen</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="401"/>
        <location filename="../engine/api/landing.cpp" line="405"/>
        <location filename="../engine/api/landing.cpp" line="449"/>
        <source>job %1: %2</source>
        <translation>Job %1: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="440"/>
        <location filename="../engine/api/landing.cpp" line="459"/>
        <location filename="../engine/api/landing.cpp" line="464"/>
        <location filename="../engine/api/landing.cpp" line="497"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="490"/>
        <source>%1: git worktree prune failed: %2</source>
        <translation>%1: git worktree prune ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="493"/>
        <source>removed %1, left by a git that was killed</source>
        <translation>%1 entfernt, übrig von einem abgebrochenen git</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="502"/>
        <source>%1: finished a land that was interrupted: %2 of its jobs had landed%3</source>
        <translation>%1: ein unterbrochenes Übernehmen abgeschlossen: %2 seiner Jobs waren übernommen%3</translation>
    </message>
    <message>
        <location filename="../engine/api/landing.cpp" line="505"/>
        <source>, the checkout of %1 was put back</source>
        <translation>, der Checkout von %1 wurde zurückgesetzt</translation>
    </message>
    <message>
        <location filename="../engine/api/resubmit.cpp" line="49"/>
        <source>job %1: no free id for a resubmission (%2-r%3 and the %4 before it are taken); name one with --new-id</source>
        <translation>Job %1: keine freie ID für eine erneute Einreichung (%2-r%3 und die %4 davor sind vergeben); nennen Sie eine mit --new-id</translation>
    </message>
    <message>
        <location filename="../engine/api/resubmit.cpp" line="76"/>
        <source>job %1: its stored spec is not a JSON object</source>
        <translation>Job %1: Seine gespeicherte Spezifikation ist kein JSON-Objekt</translation>
    </message>
    <message>
        <location filename="../engine/api/resubmit.cpp" line="128"/>
        <source>resubmission of %1</source>
        <translation>resubmission of %1</translation>
    </message>
</context>
<context>
    <name>Orchestrator::JobFeed</name>
    <message>
        <location filename="../engine/api/jobfeed.cpp" line="118"/>
        <source>; reopening the database and reading it again</source>
        <translation>; die Datenbank wird neu geöffnet und erneut gelesen</translation>
    </message>
    <message>
        <location filename="../engine/api/jobfeed.cpp" line="145"/>
        <source>%1: cannot listen for changes (%2); the dashboard updates every %3 s instead.</source>
        <translation>%1: Auf Änderungen kann nicht gewartet werden (%2); das Dashboard aktualisiert stattdessen alle %3 s.</translation>
    </message>
    <message>
        <location filename="../engine/api/jobfeed.cpp" line="339"/>
        <source>Cannot create a directory for logs from the database: %1</source>
        <translation>Für Logs aus der Datenbank kann kein Verzeichnis angelegt werden: %1</translation>
    </message>
    <message>
        <location filename="../engine/api/jobfeed.cpp" line="348"/>
        <location filename="../engine/api/jobfeed.cpp" line="381"/>
        <source>%1: cannot write: %2</source>
        <translation>%1: kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Orchestrator::JobSchema</name>
    <message>
        <location filename="../engine/spec/jobschema.cpp" line="168"/>
        <source>the embedded job schema %1 is missing</source>
        <translation>das eingebettete Job-Schema %1 fehlt</translation>
    </message>
    <message>
        <location filename="../engine/spec/jobschema.cpp" line="173"/>
        <source>the embedded job schema is not valid JSON: %1</source>
        <translation>das eingebettete Job-Schema ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <location filename="../engine/spec/jobschema.cpp" line="181"/>
        <source>the embedded job schema cannot be compiled: %1</source>
        <translation>das eingebettete Job-Schema lässt sich nicht übersetzen: %1</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="303"/>
        <source>missing required field %1</source>
        <translation>Pflichtfeld %1 fehlt</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="310"/>
        <source>unknown field</source>
        <translation>unbekanntes Feld</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="312"/>
        <source>, did you mean %1?</source>
        <translation>, meinten Sie %1?</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="314"/>
        <source> (known: %1)</source>
        <translation> (bekannt: %1)</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="326"/>
        <source>expected %1, got %2 twice</source>
        <translation>erwartet: %1, erhalten: %2 doppelt</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="330"/>
        <source>expected %1, got %2</source>
        <translation>erwartet: %1, erhalten: %2</translation>
    </message>
    <message>
        <location filename="../engine/spec/schemamessages.cpp" line="347"/>
        <source>does not match the job schema</source>
        <translation>entspricht nicht dem Job-Schema</translation>
    </message>
</context>
<context>
    <name>Orchestrator::JobSpec</name>
    <message>
        <location filename="../engine/spec/jobspec.cpp" line="92"/>
        <source>expected a run title of at most %1 characters, got %2</source>
        <translation>erwartet: ein Lauftitel mit höchstens %1 Zeichen, erhalten: %2</translation>
    </message>
    <message>
        <location filename="../engine/spec/jobspec.cpp" line="95"/>
        <source>expected a run title on one line, without control characters, got %1</source>
        <translation>erwartet: ein Lauftitel in einer Zeile ohne Steuerzeichen, erhalten: %1</translation>
    </message>
    <message>
        <location filename="../engine/spec/jobspec.cpp" line="103"/>
        <source>job</source>
        <translation>Job</translation>
    </message>
</context>
<context>
    <name>Orchestrator::JsonText</name>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="178"/>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="180"/>
        <source>a string</source>
        <translation>eine Zeichenkette</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="182"/>
        <source>an array</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="184"/>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="188"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="288"/>
        <source>key %1 appears twice (line %2, column %3 and line %4, column %5); only one value could be used, remove the other</source>
        <translation>Schlüssel %1 kommt doppelt vor (Zeile %2, Spalte %3 und Zeile %4, Spalte %5); nur ein Wert kann gelten, entfernen Sie den anderen</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="317"/>
        <location filename="../engine/spec/jsontext.cpp" line="329"/>
        <source>%1: cannot read: %2</source>
        <translation>%1: kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="322"/>
        <location filename="../engine/spec/jsontext.cpp" line="339"/>
        <source>%1: not read: the file is larger than %2 MiB, too large for a job or profile file</source>
        <translation>%1: nicht gelesen: Die Datei ist größer als %2 MiB, zu groß für eine Job- oder Profildatei</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="347"/>
        <source>%1: empty file, expected a JSON object</source>
        <translation>%1: leere Datei, erwartet: ein JSON-Objekt</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="356"/>
        <source>expected a JSON object, got %1</source>
        <translation>erwartet: ein JSON-Objekt, erhalten: %1</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="360"/>
        <source>%1: not valid JSON at line %2, column %3: %4</source>
        <translation>%1: kein gültiges JSON in Zeile %2, Spalte %3: %4</translation>
    </message>
    <message>
        <location filename="../engine/spec/jsontext.cpp" line="369"/>
        <source>expected a JSON object, got an array</source>
        <translation>erwartet: ein JSON-Objekt, erhalten: eine Liste</translation>
    </message>
</context>
<context>
    <name>Orchestrator::MessageText</name>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="44"/>
        <source>attempt %1: %2</source>
        <translation>Versuch %1: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="45"/>
        <source>attempt %1: %2; on_crash is fail</source>
        <translation>Versuch %1: %2; on_crash ist fail</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="46"/>
        <source>quarantined: crashed its worker %1 times (attempt %2: %3)</source>
        <translation>in Quarantäne: Hat seinen Worker %1-mal zum Absturz gebracht (Versuch %2: %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="47"/>
        <source>attempt %1: %2; queued again (crash %3 of %4 before quarantine)</source>
        <translation>Versuch %1: %2; wieder eingereiht (Absturz %3 von %4 vor der Quarantäne)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="48"/>
        <source>attempt %1 %2; retry at %3 with %4</source>
        <translation>Versuch %1: %2; Wiederholung um %3 mit %4</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="49"/>
        <source>%1; it waited for rate limits %2 min already (at most %3 h): given up</source>
        <translation>%1; er hat bereits %2 min auf Ratenlimits gewartet (höchstens %3 h): aufgegeben</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="50"/>
        <source>attempt %1 %2; rate limited until %3, then again with %4 (not counted as an attempt)</source>
        <translation>Versuch %1: %2; Ratenlimit bis %3, dann erneut mit %4 (zählt nicht als Versuch)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="54"/>
        <source>dependencies succeeded</source>
        <translation>Abhängigkeiten erfolgreich</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="55"/>
        <source>upstream job %1 did not succeed</source>
        <translation>Vorgänger %1 war nicht erfolgreich</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="56"/>
        <source>no job with id &quot;%1&quot;</source>
        <translation>kein Job mit der ID „%1“</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="57"/>
        <source>job %1 is already %2</source>
        <translation>Job %1 hat bereits den Zustand „%2“</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="58"/>
        <source>cancelled by user</source>
        <translation>vom Benutzer abgebrochen</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="59"/>
        <source>retry requested by user</source>
        <translation>Wiederholung vom Benutzer angefordert</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="60"/>
        <source>job %1 is %2; only jobs that ended without success can be retried</source>
        <translation>Job %1 hat den Zustand „%2“; nur ohne Erfolg beendete Jobs können wiederholt werden</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="61"/>
        <source>job %1 depends on %2, which is %3; retry %2 instead</source>
        <translation>Job %1 hängt von %2 ab, das den Zustand „%3“ hat; wiederholen Sie stattdessen %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="62"/>
        <source>upstream job %1 is being retried</source>
        <translation>Vorgänger %1 wird wiederholt</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="63"/>
        <source>job %1 has no tool to escalate to after %2 (escalate_to: %3)</source>
        <translation>Job %1 hat nach %2 kein Werkzeug zum Eskalieren (escalate_to: %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="64"/>
        <source>escalated to %1 by user</source>
        <translation>vom Benutzer zu %1 eskaliert</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="65"/>
        <source>job %1 is already %2; its priority no longer matters</source>
        <translation>Job %1 hat bereits den Zustand „%2“; seine Priorität spielt keine Rolle mehr</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="67"/>
        <source>%1: not connected</source>
        <translation>%1: nicht verbunden</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="68"/>
        <source>backoff elapsed</source>
        <translation>Wartezeit abgelaufen</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="69"/>
        <source>attempt %1 with %2 on %3</source>
        <translation>Versuch %1 mit %2 auf %3</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="70"/>
        <source>result of attempt %1 from %2 ignored: the claim is no longer held</source>
        <translation>Ergebnis von Versuch %1 von %2 verworfen: Der Anspruch besteht nicht mehr</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="71"/>
        <source>engine %1 stopped renewing its lease</source>
        <translation>Engine %1 hat ihre Lease nicht mehr erneuert</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="72"/>
        <source>engine %1 died</source>
        <translation>Engine %1 ist abgestürzt</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="73"/>
        <source>the database&apos;s files changed while it ran; its result was not recorded</source>
        <translation>die Dateien der Datenbank haben sich während des Laufs geändert; sein Ergebnis wurde nicht aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="74"/>
        <source>lost the database %1: not reached for %2 s, longer than a lease may go unrenewed (%3 s); no job was running (%4)</source>
        <translation>Datenbank %1 verloren: seit %2 s nicht erreichbar, länger als eine Lease unerneuert bleiben darf (%3 s); kein Job lief (%4)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="78"/>
        <source>lost the database %1, could not renew the lease of %2 running job(s): their tools were stopped and nothing more is recorded; other workers reclaim them when the lease expires (%3)</source>
        <translation>Datenbank %1 verloren, die Lease von %2 laufenden Jobs konnte nicht erneuert werden: Ihre Werkzeuge wurden gestoppt und nichts mehr wird aufgezeichnet; andere Worker übernehmen sie, wenn die Lease abläuft (%3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="82"/>
        <source>interrupted: %1</source>
        <translation>unterbrochen: %1</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="83"/>
        <source>%1; %2 leftover process(es) killed</source>
        <translation>%1; %2 übrig gebliebene Prozesse beendet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="85"/>
        <source>waiting on %1</source>
        <translation>wartet auf %1</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="86"/>
        <source>queue paused</source>
        <translation>Warteschlange angehalten</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="87"/>
        <source>repo locked by %1 (%2)</source>
        <translation>Repository gesperrt von %1 (%2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="88"/>
        <source>waiting for a %1 slot (%2 of %3 busy)</source>
        <translation>wartet auf einen freien Platz für %1 (%2 von %3 belegt)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="89"/>
        <source>queued, but no engine is working this database: start one with `orchestrator worker` (or `orchestrator run`, or the dashboard)</source>
        <translation>in der Warteschlange, aber keine Engine arbeitet diese Datenbank ab: Starten Sie eine mit `orchestrator worker` (oder `orchestrator run` oder dem Dashboard)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="93"/>
        <source>queued: next to start when a worker is free</source>
        <translation>in der Warteschlange: startet als Nächstes, sobald ein Worker frei ist</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="94"/>
        <source>queued: %1 job(s) ahead</source>
        <translation>in der Warteschlange: %1 Job(s) davor</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="95"/>
        <source>retry at %1 with %2</source>
        <translation>Wiederholung um %1 mit %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="96"/>
        <source>running attempt %1 on %2 for %3 s</source>
        <translation>Versuch %1 läuft auf %2 seit %3 s</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="97"/>
        <source>running attempt %1 on %2 for %3 s (cancel requested)</source>
        <translation>Versuch %1 läuft auf %2 seit %3 s (Abbruch angefordert)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="99"/>
        <source>exited with code %1</source>
        <translation>mit Code %1 beendet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="100"/>
        <source>killed by signal %1 (%2)</source>
        <translation>durch Signal %1 beendet (%2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="101"/>
        <source>timed out after %1 s; process group killed</source>
        <translation>Zeitüberschreitung nach %1 s; Prozessgruppe beendet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="102"/>
        <source>cancelled; process group killed</source>
        <translation>abgebrochen; Prozessgruppe beendet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="103"/>
        <source>the engine stopped</source>
        <translation>die Engine wurde beendet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="104"/>
        <source>program &quot;%1&quot; does not exist</source>
        <translation>Programm „%1“ existiert nicht</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="105"/>
        <source>program &quot;%1&quot; is not an executable file</source>
        <translation>Programm „%1“ ist keine ausführbare Datei</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="106"/>
        <source>program &quot;%1&quot; not found on PATH</source>
        <translation>Programm „%1“ nicht im PATH gefunden</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="107"/>
        <source>%1 (tool %2)</source>
        <translation>%1 (Werkzeug %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="108"/>
        <source>working directory &quot;%1&quot; does not exist</source>
        <translation>Arbeitsverzeichnis „%1“ existiert nicht</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="109"/>
        <source>cannot write log file &quot;%1&quot;</source>
        <translation>Logdatei „%1“ kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="110"/>
        <source>cannot start &quot;%1&quot;: %2</source>
        <translation>„%1“ kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="111"/>
        <source>%1; its change could not be recorded: %2</source>
        <translation>%1; seine Änderung konnte nicht aufgezeichnet werden: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="112"/>
        <source>%1: network: %2 (stopped: it was only waiting to reconnect; process group killed)</source>
        <translation>%1: Netzwerk: %2 (gestoppt: Es wartete nur noch auf eine neue Verbindung; Prozessgruppe beendet)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="115"/>
        <source>%1: %2 (exit code %3)</source>
        <translation>%1: %2 (Exit-Code %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="116"/>
        <source>%1: failed (exit code %2)</source>
        <translation>%1: fehlgeschlagen (Exit-Code %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="117"/>
        <source>%1: rate limited (exit code %2)</source>
        <translation>%1: Ratenlimit erreicht (Exit-Code %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="118"/>
        <source>%1: rate limited: %2 (exit code %3)</source>
        <translation>%1: Ratenlimit erreicht: %2 (Exit-Code %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="119"/>
        <source>%1: not logged in (exit code %2); %3</source>
        <translation>%1: nicht angemeldet (Exit-Code %2); %3</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="120"/>
        <source>%1: not logged in: %2 (exit code %3); %4</source>
        <translation>%1: nicht angemeldet: %2 (Exit-Code %3); %4</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="121"/>
        <source>log the tool in (or set its API key), then retry the job</source>
        <translation>melden Sie das Werkzeug an (oder setzen Sie seinen API-Schlüssel) und wiederholen Sie dann den Job</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="122"/>
        <source>%1, then retry the job</source>
        <translation>%1, dann den Job wiederholen</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="123"/>
        <source>%1: budget exceeded (exit code %2)</source>
        <translation>%1: Budget überschritten (Exit-Code %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="124"/>
        <source>%1: budget exceeded: %2 (exit code %3)</source>
        <translation>%1: Budget überschritten: %2 (Exit-Code %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="125"/>
        <source>%1: turn limit reached (exit code %2)</source>
        <translation>%1: Rundenlimit erreicht (Exit-Code %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="126"/>
        <source>%1: turn limit reached: %2 (exit code %3)</source>
        <translation>%1: Rundenlimit erreicht: %2 (Exit-Code %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="127"/>
        <source>%1: network (exit code %2)</source>
        <translation>%1: Netzwerkproblem (Exit-Code %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="128"/>
        <source>%1: network: %2 (exit code %3)</source>
        <translation>%1: Netzwerkproblem: %2 (Exit-Code %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="129"/>
        <source>the changes of upstream jobs %1 conflict: %2; not run (retry after landing or fixing one of them)</source>
        <translation>die Änderungen der Vorgänger %1 stehen im Konflikt: %2; nicht ausgeführt (wiederholen, nachdem einer von ihnen übernommen oder korrigiert wurde)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="133"/>
        <source>%1: no such file or directory</source>
        <translation>%1: Datei oder Verzeichnis nicht gefunden</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="134"/>
        <source>%1: /job_id: duplicate job id &quot;%2&quot; (also in %3)</source>
        <translation>%1: /job_id: doppelte Job-ID „%2“ (auch in %3)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="135"/>
        <source>%1: /job_id: job id &quot;%2&quot; already exists (run %3, %4)</source>
        <translation>%1: /job_id: Job-ID „%2“ existiert bereits (Lauf %3, %4)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="136"/>
        <source>%1: %2: depends on unknown job &quot;%3&quot;</source>
        <translation>%1: %2: hängt vom unbekannten Job „%3“ ab</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="137"/>
        <source>dependency cycle: %1 (in %2)</source>
        <translation>Abhängigkeitszyklus: %1 (in %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="138"/>
        <source>nothing to submit: no job files given</source>
        <translation>nichts einzureichen: keine Job-Dateien angegeben</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="140"/>
        <source>no database at %1: nothing has been submitted there (use --db or ORCHESTRATOR_DB to name another)</source>
        <translation>keine Datenbank unter %1: Dort wurde nichts eingereicht (nennen Sie mit --db oder ORCHESTRATOR_DB eine andere)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="143"/>
        <source>the engine is not open</source>
        <translation>die Engine ist nicht geöffnet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="144"/>
        <source>the session is not open</source>
        <translation>die Sitzung ist nicht geöffnet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="145"/>
        <source>no job files given</source>
        <translation>keine Job-Dateien angegeben</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="146"/>
        <source>no *.json job files in %1</source>
        <translation>keine *.json-Job-Dateien in %1</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="147"/>
        <source>%1: /job_id: job id &quot;%2&quot; already exists with a different spec (run %3, %4); give the job a new id</source>
        <translation>%1: /job_id: Job-ID „%2“ existiert bereits mit einer anderen Spezifikation (Lauf %3, %4); geben Sie dem Job eine neue ID</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="150"/>
        <source>job %1 is already running on %2</source>
        <translation>Job %1 läuft bereits auf %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="151"/>
        <source>no job with id &quot;%1&quot; in %2 (is it the right --db?)</source>
        <translation>kein Job mit der ID „%1“ in %2 (ist es die richtige --db?)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="152"/>
        <source>unknown tool &quot;%1&quot; (known: %2)</source>
        <translation>unbekanntes Werkzeug „%1“ (bekannt: %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="153"/>
        <source>%1: no database yet</source>
        <translation>%1: noch keine Datenbank</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="154"/>
        <source>%1: cannot be read now: %2</source>
        <translation>%1: kann jetzt nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="158"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="159"/>
        <source>%1 (changed by %2)</source>
        <translation>%1 (geändert von %2)</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="164"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="165"/>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="166"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="167"/>
        <source>Waiting to retry</source>
        <translation>Wartet auf Wiederholung</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="168"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="169"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="170"/>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="171"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="172"/>
        <source>Upstream failed</source>
        <translation>Vorgänger fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../engine/api/messagetext.cpp" line="324"/>
        <source>none</source>
        <translation>keins</translation>
    </message>
</context>
<context>
    <name>Orchestrator::RetryPolicy</name>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="44"/>
        <source>expected %1, got %2</source>
        <translation>erwartet: %1, erhalten: %2</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="57"/>
        <source>&quot;none&quot;, &quot;retry&quot; or &quot;escalate_to_&lt;tool&gt;&quot;</source>
        <translation>„none“, „retry“ oder „escalate_to_&lt;Werkzeug&gt;“</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="96"/>
        <source>unknown field (known: %1)</source>
        <translation>unbekanntes Feld (bekannt: %1)</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="108"/>
        <source>a list of tool names</source>
        <translation>eine Liste von Werkzeugnamen</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="113"/>
        <source>a tool name (a non-empty string)</source>
        <translation>ein Werkzeugname (eine nicht leere Zeichenkette)</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="125"/>
        <source>an integer from 1 to 100</source>
        <translation>eine ganze Zahl von 1 bis 100</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="129"/>
        <source>a number of seconds, 0 or more</source>
        <translation>eine Anzahl Sekunden, 0 oder mehr</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="132"/>
        <source>a number, 1 or more</source>
        <translation>eine Zahl, 1 oder mehr</translation>
    </message>
    <message>
        <location filename="../engine/spec/retrypolicy.cpp" line="193"/>
        <source>&quot;none&quot;, &quot;retry&quot;, &quot;escalate_to_&lt;tool&gt;&quot; or an object with max_attempts, backoff_seconds, backoff_factor, max_backoff_seconds, escalate_to</source>
        <translation>„none“, „retry“, „escalate_to_&lt;Werkzeug&gt;“ oder ein Objekt mit max_attempts, backoff_seconds, backoff_factor, max_backoff_seconds, escalate_to</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ChangeWords</name>
    <message>
        <location filename="../ui/models/changewords.cpp" line="9"/>
        <source>+%1 −%2 in 1 file</source>
        <translation>+%1 −%2 in 1 Datei</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="9"/>
        <source>+%1 −%2 in %3 files</source>
        <translation>+%1 −%2 in %3 Dateien</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="25"/>
        <source>no changes</source>
        <translation>keine Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="40"/>
        <source>landed</source>
        <translation>übernommen</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="32"/>
        <source>landed · %1</source>
        <extracomment>A job&apos;s change that is in the target branch now, then its size: &quot;landed · +12 −3 in 2 files&quot;</extracomment>
        <translation>übernommen · %1</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="42"/>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="44"/>
        <source>cleaned up</source>
        <translation>aufgeräumt</translation>
    </message>
    <message>
        <location filename="../ui/models/changewords.cpp" line="54"/>
        <source>Changed outside the job&apos;s files:
%1</source>
        <translation>Außerhalb der Dateien des Jobs geändert:
%1</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ChangedFilesModel</name>
    <message>
        <location filename="../ui/views/changesview.cpp" line="128"/>
        <source>%1 (changed outside the job&apos;s files)</source>
        <translation>%1 (außerhalb der Dateien des Jobs geändert)</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="163"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="165"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="167"/>
        <source>Removed</source>
        <translation>Entfernt</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="180"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="182"/>
        <source>binary</source>
        <translation>binär</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="194"/>
        <source>Renamed from %1</source>
        <translation>Umbenannt von %1</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="196"/>
        <source>Binary file: no line counts</source>
        <translation>Binärdatei: keine Zeilenzahlen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="198"/>
        <source>changed outside the job&apos;s files</source>
        <translation>außerhalb der Dateien des Jobs geändert</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ChangesTab</name>
    <message>
        <location filename="../ui/views/changestab.cpp" line="90"/>
        <source>The job does not run in a worktree: it changed your checkout directly.</source>
        <translation>Der Job läuft nicht in einem Worktree: Er hat Ihren Checkout direkt geändert.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="92"/>
        <source>Already landed on %1 as %2.</source>
        <translation>Bereits in %1 übernommen als %2.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="94"/>
        <source>The job&apos;s change was discarded: its worktree and branch are gone.</source>
        <translation>Die Änderung des Jobs wurde verworfen: Sein Worktree und sein Branch sind entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="96"/>
        <source>Only a succeeded job can land; this one is %1.</source>
        <translation>Nur ein erfolgreicher Job kann übernommen werden; dieser ist %1.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="98"/>
        <source>The job changed nothing: there is nothing to land.</source>
        <translation>Der Job hat nichts geändert: Es gibt nichts zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="105"/>
        <source>The job does not run in a worktree: there is nothing to discard.</source>
        <translation>Der Job läuft nicht in einem Worktree: Es gibt nichts zu verwerfen.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="107"/>
        <source>Already discarded: its worktree and branch are gone.</source>
        <translation>Bereits verworfen: Worktree und Branch sind entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="109"/>
        <source>The job has not ended (%1): cancel it first.</source>
        <translation>Der Job ist noch nicht beendet (%1): Brechen Sie ihn zuerst ab.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="138"/>
        <source>This job does not run in a worktree (isolation: none): its tool changed the repository directly, so there is no change to review or land here.</source>
        <translation>Dieser Job läuft nicht in einem Worktree (isolation: none): Sein Werkzeug hat das Repository direkt geändert, daher gibt es hier keine Änderung zu prüfen oder zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="143"/>
        <source>No attempt yet: what the job changes shows here once its first attempt has ended.</source>
        <translation>Noch kein Versuch: Was der Job ändert, erscheint hier, sobald sein erster Versuch beendet ist.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="148"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="170"/>
        <source>Attempt %1 is running: what it changes shows here when it ends.</source>
        <translation>Versuch %1 läuft: Was er ändert, erscheint hier, wenn er endet.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="171"/>
        <source>No attempt recorded a change: %1</source>
        <translation>Kein Versuch hat eine Änderung aufgezeichnet: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="202"/>
        <source>Wait for the land or discard of this job to finish.</source>
        <translation>Warten Sie, bis das Übernehmen oder Verwerfen dieses Jobs abgeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="221"/>
        <source>Reading the diff…</source>
        <translation>Diff wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="236"/>
        <source>The diff could not be read: %1</source>
        <translation>Der Diff konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="245"/>
        <source>the run&apos;s base branch</source>
        <translation>den Basis-Branch des Laufs</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="246"/>
        <source>Merge the change of job %1 (%2) into %3 of %4?

Jobs it depends on that have not landed land first. If %3 is checked out, that checkout must be clean, and its files are updated.</source>
        <translation>Die Änderung von Job %1 (%2) in %3 von %4 übernehmen?

Noch nicht übernommene Jobs, von denen er abhängt, werden zuerst übernommen. Ist %3 ausgecheckt, muss dieser Checkout sauber sein; seine Dateien werden aktualisiert.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="250"/>
        <source>Land job %1</source>
        <translation>Job %1 übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="250"/>
        <source>&amp;Land on %1</source>
        <translation>In %1 &amp;übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="264"/>
        <source>Job %1 did not land: %2</source>
        <translation>Job %1 wurde nicht übernommen: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="279"/>
        <source>Remove the worktree %1 and the branch %2 of job %3?

Its change has landed and stays in %4.</source>
        <translation>Worktree %1 und Branch %2 von Job %3 entfernen?

Seine Änderung wurde übernommen und bleibt in %4.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="281"/>
        <source>Throw away the change of job %1 (%2)?

Its worktree %3 and its branch %4 are removed; the change can no longer be landed.</source>
        <translation>Die Änderung von Job %1 (%2) verwerfen?

Sein Worktree %3 und sein Branch %4 werden entfernt; die Änderung kann danach nicht mehr übernommen werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="284"/>
        <source>Discard job %1</source>
        <translation>Job %1 verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="284"/>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="298"/>
        <source>Job %1 discarded: its worktree and branch are removed.</source>
        <translation>Job %1 verworfen: Worktree und Branch sind entfernt.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="306"/>
        <location filename="../ui/views/changestab.cpp" line="316"/>
        <source>The worktree %1 does not exist any more.</source>
        <translation>Der Worktree %1 existiert nicht mehr.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="310"/>
        <source>No file manager could open %1.</source>
        <translation>Kein Dateimanager konnte %1 öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="326"/>
        <source>No terminal found: TERMINAL names %1, which is not a program on PATH, and x-terminal-emulator is not installed either.</source>
        <translation>Kein Terminal gefunden: TERMINAL nennt %1, das kein Programm im PATH ist, und x-terminal-emulator ist auch nicht installiert.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="329"/>
        <source>No terminal found: set TERMINAL to your terminal program (e.g. TERMINAL=konsole), or install one that provides x-terminal-emulator.</source>
        <translation>Kein Terminal gefunden: Setzen Sie TERMINAL auf Ihr Terminalprogramm (z. B. TERMINAL=konsole) oder installieren Sie eines, das x-terminal-emulator bereitstellt.</translation>
    </message>
    <message>
        <location filename="../ui/views/changestab.cpp" line="335"/>
        <source>The terminal %1 could not be started in %2.</source>
        <translation>Das Terminal %1 konnte in %2 nicht gestartet werden.</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ChangesView</name>
    <message>
        <location filename="../ui/views/changesview.cpp" line="257"/>
        <source>Diff</source>
        <translation>Diff</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="270"/>
        <source>Fil&amp;es</source>
        <translation>Dat&amp;eien</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="335"/>
        <source>Show the changes of another attempt</source>
        <translation>Die Änderungen eines anderen Versuchs anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="341"/>
        <source>&amp;Attempt:</source>
        <translation>&amp;Versuch:</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="357"/>
        <source>Landed</source>
        <translation>Übernommen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="365"/>
        <source>La&amp;nd</source>
        <translation>Über&amp;nehmen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="368"/>
        <source>D&amp;iscard</source>
        <translation>Ver&amp;werfen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="371"/>
        <source>&amp;Open worktree</source>
        <translation>Worktree ö&amp;ffnen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="374"/>
        <source>Open &amp;terminal</source>
        <translation>&amp;Terminal öffnen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="407"/>
        <source>Search the diff (Ctrl+F)</source>
        <translation>Im Diff suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="413"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="414"/>
        <source>Previous match (Shift+Enter, Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe, Umschalt+F3)</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="417"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="418"/>
        <source>Next match (Enter, F3)</source>
        <translation>Nächster Treffer (Eingabe, F3)</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="436"/>
        <source>Waiting for the job&apos;s state</source>
        <translation>Warte auf den Zustand des Jobs</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="442"/>
        <source>This job has no worktree</source>
        <translation>Dieser Job hat keinen Worktree</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="444"/>
        <source>Open %1 in the file manager</source>
        <translation>%1 im Dateimanager öffnen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="446"/>
        <source>Open a terminal in %1</source>
        <translation>Ein Terminal in %1 öffnen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="451"/>
        <source>Attempt %1 of %2</source>
        <translation>Versuch %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="481"/>
        <source>No job selected</source>
        <translation>Kein Job ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="482"/>
        <source>Select a job to see what it changed.</source>
        <translation>Wählen Sie einen Job, um zu sehen, was er geändert hat.</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="500"/>
        <source>Merge the job&apos;s change into your checkout</source>
        <translation>Die Änderung des Jobs in Ihren Checkout übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="501"/>
        <source>Cannot land now</source>
        <translation>Übernehmen ist jetzt nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="503"/>
        <source>Throw the job&apos;s change away and remove its worktree</source>
        <translation>Die Änderung des Jobs verwerfen und seinen Worktree entfernen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="504"/>
        <source>Cannot discard now</source>
        <translation>Verwerfen ist jetzt nicht möglich</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="563"/>
        <source>Branch %1</source>
        <translation>Branch %1</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="564"/>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="565"/>
        <source>(uncommitted)</source>
        <translation>(nicht committet)</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="566"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="567"/>
        <source>Base %1
Result %2</source>
        <translation>Basis %1
Ergebnis %2</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="591"/>
        <source>This attempt&apos;s change has landed</source>
        <translation>Die Änderung dieses Versuchs wurde übernommen</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="592"/>
        <source>Landed as %1</source>
        <translation>Übernommen als %1</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="701"/>
        <source>This attempt changed no files.</source>
        <translation>Dieser Versuch hat keine Dateien geändert.</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="702"/>
        <source>No diff available for this attempt.</source>
        <translation>Für diesen Versuch ist kein Diff verfügbar.</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="704"/>
        <source>Diff truncated: showing the first %1 of %2 lines. &lt;a href=&quot;terminal&quot;&gt;Open in terminal&lt;/a&gt; to see all of it.</source>
        <translation>Diff gekürzt: Die ersten %1 von %2 Zeilen werden angezeigt. &lt;a href=&quot;terminal&quot;&gt;Im Terminal öffnen&lt;/a&gt;, um alles zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/views/changesview.cpp" line="709"/>
        <source>Lines longer than %1 characters are cut. &lt;a href=&quot;terminal&quot;&gt;Open in terminal&lt;/a&gt; to see all of them.</source>
        <translation>Zeilen mit mehr als %1 Zeichen sind gekürzt. &lt;a href=&quot;terminal&quot;&gt;Im Terminal öffnen&lt;/a&gt;, um sie vollständig zu sehen.</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ConversationView</name>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="63"/>
        <source>Show the conversation of another attempt</source>
        <translation>Das Gespräch eines anderen Versuchs zeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="71"/>
        <source>&amp;Attempt:</source>
        <translation>&amp;Versuch:</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="95"/>
        <source>Conversation</source>
        <translation>Gespräch</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="119"/>
        <source>Select a job to see what its AI tool said and did.</source>
        <translation>Wählen Sie einen Job, um zu sehen, was sein KI-Werkzeug gesagt und getan hat.</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="160"/>
        <source>No attempt yet: the conversation shows here once the job&apos;s tool starts.</source>
        <translation>Noch kein Versuch: Das Gespräch erscheint hier, sobald das Werkzeug des Jobs startet.</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="164"/>
        <source>The log of this job is not on this machine (it ran on another one), so its conversation cannot be read here; the Log tab shows its output.</source>
        <translation>Das Protokoll dieses Jobs liegt nicht auf diesem Rechner (er lief auf einem anderen), daher kann sein Gespräch hier nicht gelesen werden; der Reiter Protokoll zeigt seine Ausgabe.</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="195"/>
        <source>Attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="219"/>
        <source>Reading the log…</source>
        <translation>Protokoll wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="253"/>
        <source>This tool&apos;s output has no conversation; see the Log tab.</source>
        <translation>Die Ausgabe dieses Werkzeugs enthält kein Gespräch; siehe den Reiter Protokoll.</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="261"/>
        <source>Waiting for attempt %1 to start…</source>
        <translation>Warten auf den Start von Versuch %1…</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="262"/>
        <source>The tool reported no messages, commands or file changes in this attempt.</source>
        <translation>Das Werkzeug hat in diesem Versuch keine Nachrichten, Befehle oder Dateiänderungen gemeldet.</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="263"/>
        <source>Waiting for the tool&apos;s first message…</source>
        <translation>Warten auf die erste Nachricht des Werkzeugs…</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="355"/>
        <source>exit %1</source>
        <translation>Exit %1</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="357"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="363"/>
        <source>File changed</source>
        <translation>Datei geändert</translation>
    </message>
    <message>
        <location filename="../ui/views/conversationview.cpp" line="363"/>
        <source>Files changed</source>
        <translation>Dateien geändert</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/conversationview.cpp" line="375"/>
        <source>%n older item(s) not shown: the conversation keeps the newest ones.</source>
        <translation>
            <numerusform>%n älterer Eintrag nicht angezeigt: Das Gespräch behält die neuesten.</numerusform>
            <numerusform>%n ältere Einträge nicht angezeigt: Das Gespräch behält die neuesten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ConversionWizard</name>
    <message>
        <location filename="../ui/wizard/conversionwizard.cpp" line="84"/>
        <source>Convert Workstreams</source>
        <translation>Workstreams umwandeln</translation>
    </message>
    <message>
        <location filename="../ui/wizard/conversionwizard.cpp" line="108"/>
        <source>&amp;Write files</source>
        <translation>Dateien &amp;schreiben</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::DagScene</name>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="69"/>
        <source>%1/%2 done</source>
        <translation>%1/%2 fertig</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="70"/>
        <source>%1, %2 failed</source>
        <translation>%1, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="80"/>
        <source>%1 · %2 failed</source>
        <extracomment>a collapsed workstream&apos;s label when zoomed out: &quot;48/50 · 2 failed&quot;</extracomment>
        <translation>%1 · %2 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="182"/>
        <location filename="../ui/views/dagscene.cpp" line="256"/>
        <source>Workstream %1: %2 (double-click to expand)</source>
        <translation>Workstream %1: %2 (Doppelklick zum Aufklappen)</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="183"/>
        <source>%1 (%2, %3): %4</source>
        <translation>%1 (%2, %3): %4</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="632"/>
        <source>the graph is too large for a PNG (%1 x %2 pixels); write an SVG instead</source>
        <translation>der Graph ist für ein PNG zu groß (%1 x %2 Pixel); bitte als SVG speichern</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="637"/>
        <source>not enough memory for a %1 x %2 PNG</source>
        <translation>nicht genug Speicher für ein PNG mit %1 x %2 Pixeln</translation>
    </message>
    <message>
        <location filename="../ui/views/dagscene.cpp" line="648"/>
        <source>PNG encoding failed</source>
        <translation>PNG-Kodierung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::DagView</name>
    <message>
        <location filename="../ui/views/dagview.cpp" line="160"/>
        <source>Graph overview</source>
        <translation>Graph-Übersicht</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="161"/>
        <source>Overview: click or drag to move the view</source>
        <translation>Übersicht: klicken oder ziehen, um die Ansicht zu verschieben</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="244"/>
        <source>Job graph</source>
        <translation>Job-Graph</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="245"/>
        <source>Jobs of the selected run and their dependencies. Ctrl+wheel zooms, drag pans, double-click expands or collapses a workstream.</source>
        <translation>Jobs des gewählten Laufs und ihre Abhängigkeiten. Strg+Mausrad zoomt, Ziehen verschiebt, Doppelklick klappt einen Workstream auf oder zu.</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="253"/>
        <source>Find job by id, Enter to centre it</source>
        <translation>Job nach ID suchen, Eingabetaste zentriert ihn</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="254"/>
        <source>Find job in graph</source>
        <translation>Job im Graphen suchen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="258"/>
        <source>No job &quot;%1&quot; in this graph</source>
        <translation>Kein Job „%1“ in diesem Graphen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="277"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="278"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="279"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="279"/>
        <source>Fit the graph to the window</source>
        <translation>Graph ins Fenster einpassen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="280"/>
        <source>Collapse all</source>
        <translation>Alle zuklappen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="280"/>
        <source>Draw every workstream as one node</source>
        <translation>Jeden Workstream als einen Knoten zeichnen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="281"/>
        <source>Expand all</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="281"/>
        <source>Draw every job</source>
        <translation>Jeden Job zeichnen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="283"/>
        <source>Top-down</source>
        <translation>Von oben nach unten</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="284"/>
        <source>Left-right</source>
        <translation>Von links nach rechts</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="285"/>
        <source>Graph direction</source>
        <translation>Richtung des Graphen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="290"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="290"/>
        <source>Save the graph as SVG or PNG</source>
        <translation>Graph als SVG oder PNG speichern</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="428"/>
        <source>Select a run or a job</source>
        <translation>Lauf oder Job auswählen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="432"/>
        <source>Laying out… (jobs: %1)</source>
        <translation>Layout wird berechnet… (Jobs: %1)</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="435"/>
        <source>%1 · nodes: %2 · layout %3 ms</source>
        <translation>%1 · Knoten: %2 · Layout %3 ms</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="490"/>
        <source>&amp;Expand workstream %1</source>
        <translation>Workstream %1 &amp;aufklappen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="497"/>
        <source>&amp;Retry its failed jobs</source>
        <translation>Fehlgeschlagene Jobs &amp;wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="498"/>
        <source>No job of this workstream has failed.</source>
        <translation>Kein Job dieses Workstreams ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="499"/>
        <source>&amp;Cancel its jobs</source>
        <translation>Jobs &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="500"/>
        <source>Every job of this workstream has ended.</source>
        <translation>Alle Jobs dieses Workstreams sind beendet.</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="503"/>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="504"/>
        <source>Only a job that ended without success or waits to retry can be retried.</source>
        <translation>Nur ein Job, der ohne Erfolg endete oder auf eine Wiederholung wartet, kann wiederholt werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="505"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="506"/>
        <source>This job has ended: only unfinished jobs can be cancelled.</source>
        <translation>Dieser Job ist beendet: Nur unfertige Jobs können abgebrochen werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="507"/>
        <source>Show &amp;log</source>
        <translation>&amp;Protokoll zeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="509"/>
        <source>C&amp;ollapse workstream %1</source>
        <translation>Workstream %1 &amp;zuklappen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="650"/>
        <source>%1: choose a name ending in .svg or .png</source>
        <translation>%1: bitte einen Namen mit der Endung .svg oder .png wählen</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="656"/>
        <source>%1: cannot write: %2</source>
        <translation>%1: kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="665"/>
        <source>Export graph</source>
        <translation>Graph exportieren</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="665"/>
        <source>SVG image (*.svg);;PNG image (*.png)</source>
        <translation>SVG-Bild (*.svg);;PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/views/dagview.cpp" line="669"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::DesktopNotifier</name>
    <message>
        <location filename="../ui/app/desktopnotifier.cpp" line="40"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::EmptyState</name>
    <message>
        <location filename="../ui/views/emptystate.cpp" line="107"/>
        <source>No jobs yet</source>
        <translation>Noch keine Jobs</translation>
    </message>
    <message>
        <location filename="../ui/views/emptystate.cpp" line="108"/>
        <source>Orchestrator queues command-line jobs (AI coding agents, git, tests, scripts), runs them in parallel with retries and dependencies, and shows here what each is doing.</source>
        <translation>Orchestrator stellt Kommandozeilen-Jobs (KI-Coding-Agenten, git, Tests, Skripte) in eine Warteschlange, führt sie parallel mit Wiederholungen und Abhängigkeiten aus und zeigt hier, was jeder gerade tut.</translation>
    </message>
    <message>
        <location filename="../ui/views/emptystate.cpp" line="110"/>
        <source>Submit a job</source>
        <translation>Job einreichen</translation>
    </message>
    <message>
        <location filename="../ui/views/emptystate.cpp" line="111"/>
        <source>Convert workstreams</source>
        <translation>Workstreams umwandeln</translation>
    </message>
    <message>
        <location filename="../ui/views/emptystate.cpp" line="112"/>
        <source>or drop job files here</source>
        <translation>oder Job-Dateien hier ablegen</translation>
    </message>
    <message>
        <location filename="../ui/views/emptystate.cpp" line="113"/>
        <source>From a terminal: %1</source>
        <translation>Im Terminal: %1</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::EngineHost</name>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="17"/>
        <source>%1 (retrying)</source>
        <translation>%1 (wird erneut versucht)</translation>
    </message>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="20"/>
        <source>The engine stopped: %1</source>
        <translation>Die Engine wurde angehalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="43"/>
        <source>Queue paused: running jobs continue, no new job starts.</source>
        <translation>Warteschlange angehalten: Laufende Jobs laufen weiter, kein neuer Job startet.</translation>
    </message>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="43"/>
        <source>Queue resumed.</source>
        <translation>Warteschlange fortgesetzt.</translation>
    </message>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="59"/>
        <source>Retrying %1 job(s).</source>
        <translation>%1 Job(s) werden wiederholt.</translation>
    </message>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="64"/>
        <source>Cancelling %1 job(s).</source>
        <translation>%1 Job(s) werden abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/controller/enginehost.cpp" line="70"/>
        <source>Escalating %1 job(s) to their next tool.</source>
        <translation>%1 Job(s) werden an ihr nächstes Werkzeug eskaliert.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/controller/enginehost.cpp" line="85"/>
        <source>Run %1 cancelled (%n job(s)).</source>
        <translation>
            <numerusform>Lauf %1 abgebrochen (%n Job).</numerusform>
            <numerusform>Lauf %1 abgebrochen (%n Jobs).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/controller/enginehost.cpp" line="105"/>
        <source>Submitted %n job(s) to %1.</source>
        <translation>
            <numerusform>%n Job in %1 eingereicht.</numerusform>
            <numerusform>%n Jobs in %1 eingereicht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::FileDialogs</name>
    <message>
        <location filename="../ui/dialogs/filedialogs.cpp" line="54"/>
        <source>Drive</source>
        <translation>Laufwerk</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/filedialogs.cpp" line="56"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/filedialogs.cpp" line="59"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/filedialogs.cpp" line="60"/>
        <source>%1 File</source>
        <translation>%1-Datei</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::JobTableModel</name>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="28"/>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="29"/>
        <source>Queued</source>
        <translation>In Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="30"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="31"/>
        <source>Waiting to retry</source>
        <translation>Wartet auf Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="32"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="33"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="34"/>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="35"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="36"/>
        <source>Upstream failed</source>
        <translation>Vorgänger fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="44"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="45"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="46"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="47"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="64"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="66"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="67"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="103"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="104"/>
        <source>Workstream</source>
        <translation>Workstream</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="105"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="106"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="107"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="108"/>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="109"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="110"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="111"/>
        <source>Exit code</source>
        <translation>Exit-Code</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="112"/>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="113"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="114"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="176"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="212"/>
        <source>Landed on %1 as %2</source>
        <translation>In %1 übernommen als %2</translation>
    </message>
    <message>
        <location filename="../ui/models/jobtablemodel.cpp" line="214"/>
        <source>Branch %1</source>
        <translation>Branch %1</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::LandDialog</name>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="65"/>
        <source>Land jobs</source>
        <translation>Jobs übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="65"/>
        <source>Land run %1</source>
        <translation>Lauf %1 übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="67"/>
        <source>Jobs %1 and the worktree jobs they depend on</source>
        <translation>Die Jobs %1 und die Worktree-Jobs, von denen sie abhängen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="69"/>
        <source>The worktree jobs of run %1, in dependency order</source>
        <translation>Die Worktree-Jobs von Lauf %1, in Abhängigkeitsreihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="77"/>
        <source>the branch the run started on</source>
        <translation>der Branch, auf dem der Lauf begann</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="78"/>
        <source>The branch of your repository the changes are merged into. If it is checked out, that checkout must be clean; its files are updated.</source>
        <translation>Der Branch Ihres Repositorys, in den die Änderungen übernommen werden. Ist er ausgecheckt, muss dieser Checkout sauber sein; seine Dateien werden aktualisiert.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="80"/>
        <source>&amp;Squash each job into one commit</source>
        <translation>Jeden Job zu einem Commit &amp;zusammenfassen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="82"/>
        <source>One single-parent commit per job instead of a merge commit</source>
        <translation>Ein Commit mit einem Elternteil pro Job statt eines Merge-Commits</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="84"/>
        <source>Into &amp;branch:</source>
        <translation>In &amp;Branch:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="92"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="92"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="92"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="98"/>
        <source>Jobs in landing order</source>
        <translation>Jobs in der Reihenfolge des Übernehmens</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="120"/>
        <source>&amp;Land</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="185"/>
        <source>Checking what would land…</source>
        <translation>Prüfe, was übernommen würde…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="186"/>
        <source>Checking what would land on %1…</source>
        <translation>Prüfe, was in %1 übernommen würde…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="209"/>
        <source>Landing on %1…</source>
        <translation>Übernehme in %1…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="246"/>
        <source>The land has run: see what it did above.</source>
        <translation>Das Übernehmen ist gelaufen: Das Ergebnis steht oben.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="247"/>
        <source>Wait for what would land on this branch.</source>
        <translation>Warten Sie, bis feststeht, was in diesen Branch übernommen würde.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="248"/>
        <source>Nothing would land on this branch.</source>
        <translation>In diesen Branch würde nichts übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="249"/>
        <source>Merge the jobs that will land, in this order (Enter)</source>
        <translation>Die übernehmbaren Jobs in dieser Reihenfolge übernehmen (Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="311"/>
        <source>will land</source>
        <translation>wird übernommen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="311"/>
        <source>landed as %1</source>
        <translation>übernommen als %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="313"/>
        <source>nothing to land</source>
        <translation>nichts zu übernehmen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="315"/>
        <source>already landed</source>
        <translation>bereits übernommen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="315"/>
        <source>already landed as %1</source>
        <translation>bereits übernommen als %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="318"/>
        <source>conflict: %1</source>
        <translation>Konflikt: %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="318"/>
        <location filename="../ui/dialogs/landdialog.cpp" line="320"/>
        <source>conflict, stopped here: %1</source>
        <translation>Konflikt, hier angehalten: %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="319"/>
        <source>conflict with %1</source>
        <translation>Konflikt in %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="322"/>
        <source>not reached: the land stops at the conflict</source>
        <translation>nicht erreicht: Das Übernehmen hält beim Konflikt an</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="322"/>
        <source>not reached</source>
        <translation>nicht erreicht</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="324"/>
        <source>not landable: %1</source>
        <translation>nicht übernehmbar: %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="335"/>
        <source>Nothing would land on %1.</source>
        <translation>In %1 würde nichts übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="337"/>
        <source>1 job will land on %1.</source>
        <translation>1 Job wird in %1 übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="338"/>
        <source>%1 jobs will land on %2.</source>
        <translation>%1 Jobs werden in %2 übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="340"/>
        <source>Job %1 conflicts: the land would stop there.</source>
        <translation>Job %1 hat einen Konflikt: Das Übernehmen würde dort anhalten.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="342"/>
        <source>%1 is checked out in %2: its files are updated too.</source>
        <translation>%1 ist in %2 ausgecheckt: Dessen Dateien werden ebenfalls aktualisiert.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="345"/>
        <source>Nothing landed on %1.</source>
        <translation>Nichts wurde in %1 übernommen.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="347"/>
        <source>1 job landed on %1 (%2 → %3).</source>
        <translation>1 Job in %1 übernommen (%2 → %3).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="349"/>
        <source>%1 jobs landed on %2 (%3 → %4).</source>
        <translation>%1 Jobs in %2 übernommen (%3 → %4).</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="353"/>
        <source>Stopped at job %1, which conflicts with %2 in %3: the branch is as the job before left it.</source>
        <translation>Angehalten bei Job %1, der mit %2 in %3 in Konflikt steht: Der Branch ist so, wie ihn der Job davor hinterlassen hat.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="357"/>
        <source>Your checkout at %1 was updated.</source>
        <translation>Ihr Checkout in %1 wurde aktualisiert.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/landdialog.cpp" line="360"/>
        <source>Recorded as landed by an interrupted land: %1.</source>
        <translation>Als von einem unterbrochenen Übernehmen übernommen vermerkt: %1.</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::LogView</name>
    <message>
        <location filename="../ui/views/logview.cpp" line="70"/>
        <source>All attempts</source>
        <translation>Alle Versuche</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="71"/>
        <source>Jump to the start of an attempt</source>
        <translation>Zum Beginn eines Versuchs springen</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="78"/>
        <source>Search (Ctrl+F)</source>
        <translation>Suchen (Strg+F)</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="86"/>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="87"/>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="90"/>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="91"/>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="97"/>
        <source>Open externally</source>
        <translation>Extern öffnen</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="99"/>
        <source>Open the whole log file in the default application</source>
        <translation>Die ganze Protokolldatei in der Standardanwendung öffnen</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="135"/>
        <source>Following paused — jump to end</source>
        <translation>Mitlaufen angehalten — zum Ende springen</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="136"/>
        <source>New output is not followed while you read above it; jump to the end to follow again (Ctrl+End)</source>
        <translation>Neue Ausgabe wird nicht verfolgt, solange Sie weiter oben lesen; springen Sie ans Ende, um wieder mitzulaufen (Strg+Ende)</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="184"/>
        <source>No output yet.</source>
        <translation>Noch keine Ausgabe.</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="377"/>
        <source>Attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <location filename="../ui/views/logview.cpp" line="438"/>
        <source>… earlier output not shown (%1) — open the file to see all</source>
        <translation>… frühere Ausgabe nicht angezeigt (%1) – die Datei öffnen, um alles zu sehen</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::MainWindow</name>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="139"/>
        <source>Orchestrator — %1</source>
        <translation>Orchestrator – %1</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="218"/>
        <location filename="../ui/views/mainwindow.cpp" line="705"/>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="221"/>
        <source>&amp;Retry state</source>
        <translation>Wiederholungs&amp;status</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="222"/>
        <location filename="../ui/views/mainwindow.cpp" line="712"/>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="224"/>
        <location filename="../ui/views/mainwindow.cpp" line="713"/>
        <source>Ch&amp;anges</source>
        <translation>&amp;Änderungen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="243"/>
        <location filename="../ui/views/mainwindow.cpp" line="703"/>
        <source>&amp;Graph</source>
        <translation>&amp;Graph</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="244"/>
        <location filename="../ui/views/mainwindow.cpp" line="704"/>
        <source>Ti&amp;meline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="279"/>
        <source>Click to dismiss</source>
        <translation>Zum Schließen klicken</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="304"/>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/mainwindow.cpp" line="332"/>
        <source>%n job(s) interrupted by the crash were started again.</source>
        <translation>
            <numerusform>%n durch den Absturz unterbrochener Job wurde neu gestartet.</numerusform>
            <numerusform>%n durch den Absturz unterbrochene Jobs wurden neu gestartet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="343"/>
        <source>&amp;Resume queue</source>
        <translation>Warteschlange &amp;fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="343"/>
        <location filename="../ui/views/mainwindow.cpp" line="534"/>
        <source>&amp;Pause queue</source>
        <translation>Warteschlange &amp;anhalten</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="383"/>
        <source>Show &amp;log</source>
        <translation>Protokoll &amp;zeigen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="388"/>
        <source>Runs and workstreams</source>
        <translation>Läufe und Workstreams</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="389"/>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="390"/>
        <source>Filter jobs</source>
        <translation>Jobs filtern</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="391"/>
        <source>Filter by state</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="392"/>
        <source>Filter by tool</source>
        <translation>Nach Werkzeug filtern</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="393"/>
        <source>Filter by priority</source>
        <translation>Nach Priorität filtern</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="394"/>
        <source>Job details</source>
        <translation>Jobdetails</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="395"/>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="417"/>
        <source>&amp;Land run %1…</source>
        <translation>Lauf %1 &amp;übernehmen…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="418"/>
        <source>Cancel run %1</source>
        <translation>Lauf %1 abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="480"/>
        <source>Filter by job, workstream or tool (Ctrl+L)</source>
        <translation>Nach Job, Workstream oder Werkzeug filtern (Strg+L)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="485"/>
        <source>All states</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="492"/>
        <source>All tools</source>
        <translation>Alle Werkzeuge</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="499"/>
        <source>All priorities</source>
        <translation>Alle Prioritäten</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="524"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="529"/>
        <source>&amp;Submit job…</source>
        <translation>Job &amp;einreichen…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="532"/>
        <source>Submit a job file or build a job in a form (Ctrl+N). Job files can also be dropped on the window.</source>
        <translation>Eine Jobdatei einreichen oder einen Job in einem Formular erstellen (Strg+N). Jobdateien können auch auf das Fenster gezogen werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="537"/>
        <source>Pause or resume the queue (Ctrl+P): running jobs continue</source>
        <translation>Warteschlange anhalten oder fortsetzen (Strg+P): Laufende Jobs laufen weiter</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="541"/>
        <source>&amp;Retry</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="544"/>
        <source>Retry the selected jobs (Ctrl+R)</source>
        <translation>Die ausgewählten Jobs wiederholen (Strg+R)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="546"/>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="549"/>
        <source>Cancel the selected jobs (Del); running ones are killed</source>
        <translation>Die ausgewählten Jobs abbrechen (Entf); laufende werden beendet</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="551"/>
        <source>Retry all &amp;failed</source>
        <translation>Alle Fehlgeschlagenen wieder&amp;holen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="562"/>
        <source>Retry every failed or timed-out job (Ctrl+Shift+R)</source>
        <translation>Jeden fehlgeschlagenen oder zeitüberschrittenen Job wiederholen (Strg+Umschalt+R)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="565"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="571"/>
        <source>&amp;Priority</source>
        <translation>Pri&amp;orität</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="572"/>
        <source>Change the priority of the selected jobs</source>
        <translation>Die Priorität der ausgewählten Jobs ändern</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="578"/>
        <location filename="../ui/views/mainwindow.cpp" line="1077"/>
        <source>Run a&amp;gain</source>
        <translation>Erneut a&amp;usführen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="580"/>
        <source>Submit a new job with the selected job&apos;s spec, whatever its state (a duplicate of an unfinished one); recorded as resubmitted from it (Ctrl+Shift+N)</source>
        <translation>Einen neuen Job mit der Spezifikation des ausgewählten Jobs einreichen, egal in welchem Zustand (ein Duplikat eines unfertigen); als von ihm neu eingereicht vermerkt (Strg+Umschalt+N)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="584"/>
        <source>&amp;Edit and resubmit…</source>
        <translation>Bearbeiten und neu &amp;einreichen…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="586"/>
        <source>Edit a copy of the selected job&apos;s spec, then submit it as a new job recorded as resubmitted from it (Ctrl+Shift+E)</source>
        <translation>Eine Kopie der Spezifikation des ausgewählten Jobs bearbeiten und als neuen Job einreichen, als von ihm neu eingereicht vermerkt (Strg+Umschalt+E)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="591"/>
        <source>Cancel r&amp;un</source>
        <translation>&amp;Lauf abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="594"/>
        <source>Select a run in the tree, or a job of it, to cancel the run.</source>
        <translation>Einen Lauf im Baum oder einen seiner Jobs auswählen, um den Lauf abzubrechen.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="601"/>
        <source>Cancel every unfinished job of the selected run (Ctrl+Shift+Del)</source>
        <translation>Jeden unfertigen Job des ausgewählten Laufs abbrechen (Strg+Umschalt+Entf)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="604"/>
        <source>&amp;Workers:</source>
        <translation>Wo&amp;rker:</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="608"/>
        <source>Parallel jobs; takes effect at once</source>
        <translation>Parallele Jobs; wirkt sofort</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="620"/>
        <source>Se&amp;ttings…</source>
        <translation>Einstellun&amp;gen…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="625"/>
        <source>Database, workers, tool programs, theme, language, notifications (Ctrl+,)</source>
        <translation>Datenbank, Worker, Werkzeugprogramme, Design, Sprache, Benachrichtigungen (Strg+,)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="730"/>
        <source>&amp;Newest first</source>
        <translation>&amp;Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="732"/>
        <source>Show the newest jobs at the top of the jobs table</source>
        <translation>Die neuesten Jobs oben in der Jobtabelle zeigen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/mainwindow.cpp" line="836"/>
        <source>Orchestrator: %n notice(s)</source>
        <translation>
            <numerusform>Orchestrator: %n Hinweis</numerusform>
            <numerusform>Orchestrator: %n Hinweise</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1008"/>
        <source>No job has failed or timed out.</source>
        <translation>Kein Job ist fehlgeschlagen oder hat das Zeitlimit überschritten.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1010"/>
        <location filename="../ui/views/mainwindow.cpp" line="1013"/>
        <source>Select a run in the tree, or a job of it, first.</source>
        <translation>Wählen Sie zuerst einen Lauf im Baum oder einen seiner Jobs aus.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1011"/>
        <source>Every job of run %1 has ended.</source>
        <translation>Jeder Job des Laufs %1 ist beendet.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1073"/>
        <source>Select one job first.</source>
        <translation>Wählen Sie zuerst genau einen Job aus.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1077"/>
        <source>Dup&amp;licate</source>
        <translation>Dup&amp;lizieren</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1199"/>
        <source>Resubmitted from</source>
        <translation>Neu eingereicht von</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1201"/>
        <source>Resubmitted as</source>
        <translation>Neu eingereicht als</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1293"/>
        <source>Could not submit %1 again: %2</source>
        <translation>%1 konnte nicht erneut eingereicht werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1296"/>
        <source>%1 submitted again as %2.</source>
        <translation>%1 erneut eingereicht als %2.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1303"/>
        <source>Could not read the spec of %1: %2</source>
        <translation>Die Spezifikation von %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1316"/>
        <source>Edit and resubmit %1</source>
        <translation>%1 bearbeiten und neu einreichen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1317"/>
        <source>A new job, recorded as resubmitted from %1. Its id and run are yours to change.</source>
        <translation>Ein neuer Job, als von %1 neu eingereicht vermerkt. Seine ID und seinen Lauf können Sie ändern.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1330"/>
        <source>&amp;Submit</source>
        <translation>&amp;Einreichen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1339"/>
        <source>Not valid JSON at character %1: %2</source>
        <translation>Kein gültiges JSON bei Zeichen %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1340"/>
        <source>The spec must be a JSON object.</source>
        <translation>Die Spezifikation muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1347"/>
        <source>edited copy of %1</source>
        <translation>bearbeitete Kopie von %1</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1356"/>
        <source>%1 resubmitted as %2.</source>
        <translation>%1 neu eingereicht als %2.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1472"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1472"/>
        <source>The limits could not be saved in the database: %1</source>
        <translation>Die Grenzen konnten nicht in der Datenbank gespeichert werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1475"/>
        <source>Settings saved. Database and language take effect after a restart.</source>
        <translation>Einstellungen gespeichert. Datenbank und Sprache wirken nach einem Neustart.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="637"/>
        <source>&amp;Filter jobs</source>
        <translation>Jobs &amp;filtern</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="642"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="653"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="655"/>
        <source>C&amp;onvert workstreams…</source>
        <translation>Workstreams &amp;umwandeln…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="657"/>
        <source>Turn workstream files into job files, and optionally submit them (Ctrl+Shift+O). Workstream files can also be dropped on the window.</source>
        <translation>Workstream-Dateien in Jobdateien umwandeln und auf Wunsch einreichen (Strg+Umschalt+O). Workstream-Dateien können auch auf das Fenster gezogen werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="664"/>
        <source>&amp;Queue</source>
        <translation>&amp;Warteschlange</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="666"/>
        <source>&amp;Workers…</source>
        <translation>&amp;Worker…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="675"/>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="676"/>
        <source>&amp;Land run…</source>
        <translation>Lauf &amp;übernehmen…</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="679"/>
        <source>Select a run in the tree, or a job of it, to land the run.</source>
        <translation>Wählen Sie einen Lauf im Baum oder einen seiner Jobs, um den Lauf zu übernehmen.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="685"/>
        <source>Merge the changes of the selected run&apos;s worktree jobs into a branch, after a look at what would land (Ctrl+Shift+L)</source>
        <translation>Die Änderungen der Worktree-Jobs des gewählten Laufs in einen Branch übernehmen, nach einem Blick darauf, was übernommen würde (Strg+Umschalt+L)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="689"/>
        <source>&amp;Job</source>
        <translation>&amp;Job</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="696"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="701"/>
        <source>&amp;Runs and workstreams</source>
        <translation>&amp;Läufe und Workstreams</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="242"/>
        <location filename="../ui/views/mainwindow.cpp" line="702"/>
        <source>&amp;Jobs</source>
        <translation>&amp;Jobs</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="220"/>
        <location filename="../ui/views/mainwindow.cpp" line="707"/>
        <source>C&amp;onversation</source>
        <translation>Ge&amp;spräch</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="711"/>
        <source>Re&amp;try state</source>
        <translation>Wieder&amp;holungsstatus</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="718"/>
        <source>&amp;Workers</source>
        <translation>&amp;Worker</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="746"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="747"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="749"/>
        <source>&amp;About Orchestrator</source>
        <translation>Ü&amp;ber Orchestrator</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="750"/>
        <source>About Orchestrator</source>
        <translation>Über Orchestrator</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="751"/>
        <source>&lt;h3&gt;Orchestrator %1&lt;/h3&gt;&lt;p&gt;Queues, chains, retries and watches command-line jobs.&lt;/p&gt;&lt;p&gt;Database: %2&lt;/p&gt;&lt;p&gt;MIT licence. Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Orchestrator %1&lt;/h3&gt;&lt;p&gt;Reiht Kommandozeilen-Jobs ein, verkettet, wiederholt und überwacht sie.&lt;/p&gt;&lt;p&gt;Datenbank: %2&lt;/p&gt;&lt;p&gt;MIT-Lizenz. Erstellt mit Qt %3.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="794"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="794"/>
        <source>Find in the log; next and previous match</source>
        <translation>Im Protokoll suchen; nächster und vorheriger Treffer</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="798"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="805"/>
        <source>Retry &amp;now</source>
        <translation>&amp;Jetzt wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="806"/>
        <source>Start the next attempt now instead of waiting for the backoff</source>
        <translation>Den nächsten Versuch jetzt starten, statt die Wartezeit abzuwarten</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="808"/>
        <source>&amp;Escalate now</source>
        <translation>Jetzt es&amp;kalieren</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="810"/>
        <source>Run the next attempt now with the next tool of the retry policy (e.g. codex after aider)</source>
        <translation>Den nächsten Versuch jetzt mit dem nächsten Werkzeug der Wiederholungsstrategie ausführen (z. B. codex nach aider)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="836"/>
        <location filename="../ui/views/mainwindow.cpp" line="842"/>
        <location filename="../ui/views/mainwindow.cpp" line="844"/>
        <source>Orchestrator</source>
        <translation>Orchestrator</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="935"/>
        <source>Job %1 failed: %2</source>
        <translation>Job %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1188"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1189"/>
        <source>Workstream</source>
        <translation>Workstream</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1190"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1191"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1192"/>
        <source>Repository</source>
        <translation>Repository</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1193"/>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1194"/>
        <source>Log file</source>
        <translation>Protokolldatei</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1195"/>
        <source>Error report</source>
        <translation>Fehlerbericht</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1196"/>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1196"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1196"/>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1202"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1204"/>
        <location filename="../ui/views/mainwindow.cpp" line="1210"/>
        <source>•••••• (hidden)</source>
        <translation>•••••• (verborgen)</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1215"/>
        <source>Spec as submitted</source>
        <translation>Spezifikation wie eingereicht</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="944"/>
        <source>Run %1 finished: %2</source>
        <translation>Lauf %1 beendet: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1239"/>
        <source>%1 %2</source>
        <extracomment>A job state as the table names it, and how many jobs are in it: &quot;Waiting 3&quot;</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1242"/>
        <source>No jobs</source>
        <translation>Keine Jobs</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1244"/>
        <source>Workers busy %1/%2</source>
        <translation>Worker belegt %1/%2</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1245"/>
        <source>%1 jobs/min</source>
        <translation>%1 Jobs/min</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="100"/>
        <source>Job %1 (%2): only a job that ended without success or waits to retry can be retried.</source>
        <translation>Job %1 (%2): Nur ein Job, der ohne Erfolg endete oder auf Wiederholung wartet, kann wiederholt werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="108"/>
        <source>Job %1 (%2) has ended: only unfinished jobs can be cancelled.</source>
        <translation>Job %1 (%2) ist beendet: Nur unfertige Jobs können abgebrochen werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="116"/>
        <source>Job %1 (%2) has ended: its priority no longer matters.</source>
        <translation>Job %1 (%2) ist beendet: Seine Priorität spielt keine Rolle mehr.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="123"/>
        <source>Job %1 has no tool to escalate to: its retry policy names no escalate_to.</source>
        <translation>Job %1 hat kein Werkzeug zum Eskalieren: Seine Wiederholungsstrategie nennt kein escalate_to.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="125"/>
        <source>Job %1 (%2): only a job that ended without success or waits to retry can be escalated.</source>
        <translation>Job %1 (%2): Nur ein Job, der ohne Erfolg endete oder auf Wiederholung wartet, kann eskaliert werden.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="128"/>
        <source>Job %1 has already used the last tool of its retry policy (%2).</source>
        <translation>Job %1 hat das letzte Werkzeug seiner Wiederholungsstrategie (%2) bereits verwendet.</translation>
    </message>
    <message>
        <location filename="../ui/views/mainwindow.cpp" line="1052"/>
        <source>Select one or more jobs first.</source>
        <translation>Wählen Sie zuerst einen oder mehrere Jobs aus.</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::OptionsPage</name>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="64"/>
        <source>Mapping Options</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="65"/>
        <source>How workstreams become jobs. The job ids on the right follow the options as you change them.</source>
        <translation>Wie aus Workstreams Jobs werden. Die Job-IDs rechts folgen den Optionen, während Sie sie ändern.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="125"/>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="126"/>
        <source>One job per &amp;workstream</source>
        <translation>Ein Job je &amp;Workstream</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="128"/>
        <source>A workstream&apos;s tasks become the instructions of one job</source>
        <translation>Die Aufgaben eines Workstreams werden die Anweisungen eines Jobs</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="129"/>
        <source>One job per t&amp;ask, chained</source>
        <translation>Ein Job je &amp;Aufgabe, verkettet</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="131"/>
        <source>Each task is a job that waits for the task before it</source>
        <translation>Jede Aufgabe ist ein Job, der auf die Aufgabe davor wartet</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="143"/>
        <source>Job settings</source>
        <translation>Job-Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="149"/>
        <source>The tool of workstreams that name none</source>
        <translation>Das Werkzeug für Workstreams, die keines nennen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="155"/>
        <source>Default &amp;tool:</source>
        <translation>Standard-&amp;Werkzeug:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="159"/>
        <source>{ws}: the workstream id; {n}: the job&apos;s number in its workstream, three digits (001); {n:2}: two digits</source>
        <translation>{ws}: die Workstream-ID; {n}: die Nummer des Jobs in seinem Workstream, dreistellig (001); {n:2}: zweistellig</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="161"/>
        <source>Job &amp;id pattern:</source>
        <translation>Muster der Job-&amp;ID:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="170"/>
        <source>not set (normal)</source>
        <translation>nicht gesetzt (normal)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="173"/>
        <source>Priority of every job, unless set per workstream on the review page</source>
        <translation>Priorität jedes Jobs, sofern nicht auf der Prüfseite je Workstream gesetzt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="174"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="202"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="177"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="76"/>
        <source>Problems of the plan</source>
        <translation>Probleme des Plans</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="177"/>
        <source>Each job&apos;s attempts are killed after this many seconds; empty or 0: no timeout</source>
        <translation>Die Versuche jedes Jobs werden nach so vielen Sekunden beendet; leer oder 0: kein Zeitlimit</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="179"/>
        <source>Ti&amp;meout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="194"/>
        <source>attempts: </source>
        <translation>Versuche: </translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="195"/>
        <source>1 attempt, no retry</source>
        <translation>1 Versuch, keine Wiederholung</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="196"/>
        <source>Maximum attempts</source>
        <translation>Höchstzahl der Versuche</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="201"/>
        <source>backoff: </source>
        <translation>Wartezeit: </translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="203"/>
        <source>Backoff before the first retry, in seconds (doubles each time)</source>
        <translation>Wartezeit vor der ersten Wiederholung in Sekunden (verdoppelt sich jedes Mal)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="204"/>
        <source>Wait before the first retry; it doubles for each further retry</source>
        <translation>Wartezeit vor der ersten Wiederholung; sie verdoppelt sich mit jeder weiteren</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="206"/>
        <source>&amp;Escalate to codex</source>
        <translation>An codex &amp;eskalieren</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="208"/>
        <source>Retries run codex instead of the job&apos;s own tool</source>
        <translation>Wiederholungen verwenden codex statt des eigenen Werkzeugs des Jobs</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="213"/>
        <source>&amp;Retry:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="217"/>
        <source>Commit the tool&apos;s changes (auto_&amp;commit)</source>
        <translation>Änderungen des Werkzeugs committen (auto_&amp;commit)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="224"/>
        <source>the tool&apos;s default</source>
        <translation>Vorgabe des Werkzeugs</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="225"/>
        <source>Mo&amp;del:</source>
        <translation>Mo&amp;dell:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="231"/>
        <source>Resulting jobs</source>
        <translation>Entstehende Jobs</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="234"/>
        <source>Resulting job ids</source>
        <translation>Entstehende Job-IDs</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="236"/>
        <source>Job i&amp;ds:</source>
        <translation>Job-I&amp;Ds:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="315"/>
        <source>The job id pattern is empty: it must give each job an id, e.g. {ws}-{n}</source>
        <translation>Das Muster der Job-ID ist leer: Es muss jedem Job eine ID geben, z. B. {ws}-{n}</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="317"/>
        <source>The job id pattern has an unknown placeholder %1 (known: {ws}, {n}, {n:2} for two digits)</source>
        <translation>Das Muster der Job-ID enthält den unbekannten Platzhalter %1 (bekannt: {ws}, {n}, {n:2} für zwei Ziffern)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="334"/>
        <location filename="../ui/wizard/optionspage.cpp" line="349"/>
        <source>The job id pattern gives ids that are not valid, such as %1: a job id is 1 to %2 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>Das Muster der Job-ID ergibt ungültige IDs wie %1: Eine Job-ID besteht aus 1 bis %2 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="341"/>
        <source>The job id pattern gives the tasks of %1 the same id %2: put {n} in it</source>
        <translation>Das Muster der Job-ID gibt den Aufgaben von %1 dieselbe ID %2: Nehmen Sie {n} hinein</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="342"/>
        <source>The job id pattern gives %1 and %2 the same id %3: put {ws} in it</source>
        <translation>Das Muster der Job-ID gibt %1 und %2 dieselbe ID %3: Nehmen Sie {ws} hinein</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="392"/>
        <source>retry policy</source>
        <translation>Wiederholungsregel</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="404"/>
        <source>starts first</source>
        <translation>startet zuerst</translation>
    </message>
    <message>
        <location filename="../ui/wizard/optionspage.cpp" line="405"/>
        <source>after %1</source>
        <translation>nach %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/optionspage.cpp" line="408"/>
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiterer</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/optionspage.cpp" line="411"/>
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n Job</numerusform>
            <numerusform>%n Jobs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::OutputPage</name>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="78"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="79"/>
        <source>Where the job files are written and what that changes. Files that differ are kept unless you force overwriting them.</source>
        <translation>Wohin die Jobdateien geschrieben werden und was sich dadurch ändert. Abweichende Dateien bleiben erhalten, sofern Sie das Überschreiben nicht erzwingen.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="84"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="90"/>
        <source>Output &amp;folder:</source>
        <translation>Ausgabe&amp;ordner:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="93"/>
        <source>Force &amp;overwrite of changed files</source>
        <translation>Geänderte Dateien &amp;überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="98"/>
        <source>Files to write</source>
        <translation>Zu schreibende Dateien</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="100"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="100"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="105"/>
        <source>Fi&amp;les:</source>
        <translation>Da&amp;teien:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="110"/>
        <source>Changes to the selected file</source>
        <translation>Änderungen an der ausgewählten Datei</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="115"/>
        <source>Select a file that changes to see how.</source>
        <translation>Eine Datei auswählen, die sich ändert, um die Änderung zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="117"/>
        <source>Chan&amp;ges:</source>
        <translation>Än&amp;derungen:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="145"/>
        <source>&amp;Submit as a new run now</source>
        <translation>Jetzt als neuen Lauf &amp;einreichen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="147"/>
        <source>After writing, submit the job files to this dashboard&apos;s queue as a new run</source>
        <translation>Nach dem Schreiben die Jobdateien als neuen Lauf in die Warteschlange dieses Dashboards einreichen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="200"/>
        <source>create</source>
        <translation>anlegen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="201"/>
        <source>change</source>
        <translation>ändern</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="202"/>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="203"/>
        <source>conflict: differs, kept</source>
        <translation>Konflikt: weicht ab, bleibt erhalten</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="267"/>
        <source>Looking at %1…</source>
        <translation>Prüfe %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/outputpage.cpp" line="301"/>
        <source>%n to create</source>
        <translation>
            <numerusform>%n anzulegen</numerusform>
            <numerusform>%n anzulegen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/outputpage.cpp" line="302"/>
        <source>%n to change</source>
        <translation>
            <numerusform>%n zu ändern</numerusform>
            <numerusform>%n zu ändern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/outputpage.cpp" line="303"/>
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unverändert</numerusform>
            <numerusform>%n unverändert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/outputpage.cpp" line="305"/>
        <source>%n differ and will be kept (tick Force overwrite to replace them)</source>
        <translation>
            <numerusform>%n weicht ab und bleibt erhalten (zum Ersetzen „Überschreiben“ ankreuzen)</numerusform>
            <numerusform>%n weichen ab und bleiben erhalten (zum Ersetzen „Überschreiben“ ankreuzen)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="309"/>
        <location filename="../ui/wizard/outputpage.cpp" line="355"/>
        <source>Some files differ from the plan and would be kept: force overwriting them, or do not submit.</source>
        <translation>Einige Dateien weichen vom Plan ab und blieben erhalten: Überschreiben erzwingen oder nicht einreichen.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="328"/>
        <source>%1 is already as it would be written.</source>
        <translation>%1 ist bereits so, wie es geschrieben würde.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="333"/>
        <source> (now)</source>
        <translation> (jetzt)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="333"/>
        <source> (converted)</source>
        <translation> (umgewandelt)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="359"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="365"/>
        <source>Cannot write the job files: %1</source>
        <translation>Die Jobdateien können nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/outputpage.cpp" line="376"/>
        <source>Output Folder</source>
        <translation>Ausgabeordner</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::PreviewPage</name>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="107"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="108"/>
        <source>The jobs and their dependencies as they would be submitted, and the order in which they would start.</source>
        <translation>Die Jobs und ihre Abhängigkeiten, wie sie eingereicht würden, und die Reihenfolge, in der sie starten würden.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="119"/>
        <source>Start order</source>
        <translation>Startreihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="121"/>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="121"/>
        <source>Workstream</source>
        <translation>Workstream</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="125"/>
        <source>&amp;Start order:</source>
        <translation>&amp;Startreihenfolge:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="146"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="148"/>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="167"/>
        <source>Could not check which tools are installed: %1</source>
        <translation>Es ließ sich nicht prüfen, welche Werkzeuge installiert sind: %1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="232"/>
        <source>its workstream has a dependency problem</source>
        <translation>sein Workstream hat ein Abhängigkeitsproblem</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="257"/>
        <source>not planned: part of a depends_on cycle, or waits for one</source>
        <translation>nicht geplant: Teil eines depends_on-Zyklus oder wartet auf einen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="267"/>
        <source>unknown workstream: no usable file has this id</source>
        <translation>unbekannter Workstream: keine verwendbare Datei hat diese ID</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/previewpage.cpp" line="290"/>
        <source>%n planned job id(s) are already in the database, so submitting would fail. Go back to the options and change the job id pattern (for example add a prefix such as v2-), or write the files without submitting.</source>
        <translation>
            <numerusform>%n geplante Job-ID ist schon in der Datenbank, das Einreichen würde also scheitern. Gehen Sie zurück zu den Optionen und ändern Sie das Muster der Job-ID (etwa mit einem Präfix wie v2-), oder schreiben Sie die Dateien, ohne sie einzureichen.</numerusform>
            <numerusform>%n geplante Job-IDs sind schon in der Datenbank, das Einreichen würde also scheitern. Gehen Sie zurück zu den Optionen und ändern Sie das Muster der Job-ID (etwa mit einem Präfix wie v2-), oder schreiben Sie die Dateien, ohne sie einzureichen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="319"/>
        <source>Could not check the job ids against the database: %1</source>
        <translation>Die Job-IDs ließen sich nicht mit der Datenbank abgleichen: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/previewpage.cpp" line="354"/>
        <source>%1 is not installed here (no program &quot;%2&quot; on PATH): %n job(s) would fail to start</source>
        <translation>
            <numerusform>%1 ist hier nicht installiert (kein Programm „%2“ im PATH): %n Job würde nicht starten</numerusform>
            <numerusform>%1 ist hier nicht installiert (kein Programm „%2“ im PATH): %n Jobs würden nicht starten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/previewpage.cpp" line="357"/>
        <source>%1 is not installed here (no program &quot;%2&quot; on PATH): retries of %n job(s) would escalate to it and fail to start</source>
        <translation>
            <numerusform>%1 ist hier nicht installiert (kein Programm „%2“ im PATH): Wiederholungen von %n Job würden daran eskalieren und nicht starten</numerusform>
            <numerusform>%1 ist hier nicht installiert (kein Programm „%2“ im PATH): Wiederholungen von %n Jobs würden daran eskalieren und nicht starten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="370"/>
        <source>%1: already in run %2 (%3)</source>
        <translation>%1: schon im Lauf %2 (%3)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="385"/>
        <source>This job id is already in the database (run %1)</source>
        <translation>Diese Job-ID ist schon in der Datenbank (Lauf %1)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="390"/>
        <source>%1 is not installed here</source>
        <translation>%1 ist hier nicht installiert</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="401"/>
        <source>Checking the tools and the job ids…</source>
        <translation>Werkzeuge und Job-IDs werden geprüft…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/previewpage.cpp" line="429"/>
        <source>Wave %1 (%n job(s))</source>
        <translation>
            <numerusform>Welle %1 (%n Job)</numerusform>
            <numerusform>Welle %1 (%n Jobs)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="436"/>
        <source>starts first</source>
        <translation>startet zuerst</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="437"/>
        <source>after %1</source>
        <translation>nach %1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="441"/>
        <source>This workstream has an unknown dependency or is part of a cycle</source>
        <translation>Dieser Workstream hat eine unbekannte Abhängigkeit oder ist Teil eines Zyklus</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/previewpage.cpp" line="447"/>
        <source>%n job(s)</source>
        <translation>
            <numerusform>%n Job</numerusform>
            <numerusform>%n Jobs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/previewpage.cpp" line="448"/>
        <source>%n wave(s)</source>
        <translation>
            <numerusform>%n Welle</numerusform>
            <numerusform>%n Wellen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/previewpage.cpp" line="454"/>
        <source>Dependency problems in: %1</source>
        <translation>Abhängigkeitsprobleme in: %1</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ProblemList</name>
    <message numerus="yes">
        <location filename="../ui/wizard/problemlist.cpp" line="43"/>
        <source>%n message(s); scroll to see them all</source>
        <translation>
            <numerusform>%n Meldung; blättern Sie, um alle zu sehen</numerusform>
            <numerusform>%n Meldungen; blättern Sie, um alle zu sehen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::RetryPanel</name>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="35"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="72"/>
        <source>Attempts and retry state</source>
        <translation>Versuche und Wiederholungsstatus</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="82"/>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="84"/>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="86"/>
        <source>rate limited</source>
        <translation>Ratenlimit erreicht</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="88"/>
        <source>not logged in</source>
        <translation>nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="90"/>
        <source>budget exceeded</source>
        <translation>Budget überschritten</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="92"/>
        <source>turn limit reached</source>
        <translation>Rundenlimit erreicht</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="94"/>
        <source>network problem</source>
        <translation>Netzwerkproblem</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="102"/>
        <location filename="../ui/views/retrypanel.cpp" line="193"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="105"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="106"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="149"/>
        <source>%1 is rate limited until %2 (%3 left); the next attempt does not count against the retry policy.</source>
        <translation>%1 hat bis %2 ein Ratenlimit erreicht (noch %3); der nächste Versuch wird nicht auf die Wiederholungsstrategie angerechnet.</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="151"/>
        <source>%1 was rate limited until %2: the next attempt starts now.</source>
        <translation>%1 hatte bis %2 ein Ratenlimit: Der nächste Versuch startet jetzt.</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="153"/>
        <source>Next attempt in %1 (at %2) with %3</source>
        <translation>Nächster Versuch in %1 (um %2) mit %3</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="154"/>
        <source>Next attempt with %1 starts now.</source>
        <translation>Der nächste Versuch mit %1 startet jetzt.</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="173"/>
        <source>No attempt yet (at most %1)</source>
        <translation>Noch kein Versuch (höchstens %1)</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="174"/>
        <source>Attempt %1 of %2</source>
        <translation>Versuch %1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/retrypanel.cpp" line="179"/>
        <source>%n interrupted attempt(s) did not count against the retry policy.</source>
        <translation>
            <numerusform>%n unterbrochener Versuch wurde nicht auf die Wiederholungsstrategie angerechnet.</numerusform>
            <numerusform>%n unterbrochene Versuche wurden nicht auf die Wiederholungsstrategie angerechnet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="182"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="182"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="182"/>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="182"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="182"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="184"/>
        <source>timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="185"/>
        <source>rate limited (not counted)</source>
        <translation>Ratenlimit (nicht gezählt)</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="186"/>
        <source>signal %1</source>
        <translation>Signal %1</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="187"/>
        <source>exit %1</source>
        <translation>Exit %1</translation>
    </message>
    <message>
        <location filename="../ui/views/retrypanel.cpp" line="188"/>
        <source>interrupted (not counted)</source>
        <translation>unterbrochen (nicht gezählt)</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::RetryPolicyEditor</name>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="67"/>
        <source>None: one attempt</source>
        <translation>Keine: ein Versuch</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="68"/>
        <source>Retry: 3 attempts with backoff</source>
        <translation>Wiederholen: 3 Versuche mit wachsender Wartezeit</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="69"/>
        <source>Escalate to codex: a second attempt with codex</source>
        <translation>An codex eskalieren: ein zweiter Versuch mit codex</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="70"/>
        <source>Custom: attempts, backoff and escalation…</source>
        <translation>Eigene: Versuche, Wartezeit und Eskalation…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="110"/>
        <source>Attempts in all, the first one included (1 to 100); empty: the default</source>
        <translation>Versuche insgesamt, den ersten eingeschlossen (1 bis 100); leer: die Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="112"/>
        <source>Seconds to wait before the first retry; empty: the default</source>
        <translation>Sekunden Wartezeit vor der ersten Wiederholung; leer: die Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="114"/>
        <source>Each further wait is the one before times this (1: always the same wait)</source>
        <translation>Jede weitere Wartezeit ist die vorige mal diesem Faktor (1: immer dieselbe Wartezeit)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="115"/>
        <source>No wait is longer than this many seconds</source>
        <translation>Keine Wartezeit ist länger als so viele Sekunden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="119"/>
        <source>Tools to escalate to, in order</source>
        <translation>Werkzeuge, an die eskaliert wird, der Reihe nach</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="120"/>
        <source>Attempt 2 runs the first ticked tool, attempt 3 the next one, and so on; the last one runs any further attempts. None ticked: every attempt runs the job&apos;s own tool.</source>
        <translation>Versuch 2 führt das erste angehakte Werkzeug aus, Versuch 3 das nächste und so weiter; das letzte führt alle weiteren Versuche aus. Keines angehakt: Jeder Versuch führt das eigene Werkzeug des Jobs aus.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="126"/>
        <source>Earlier: this tool runs before the next ticked one</source>
        <translation>Früher: Dieses Werkzeug läuft vor dem nächsten angehakten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="127"/>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="131"/>
        <source>Later: this tool runs after the next ticked one</source>
        <translation>Später: Dieses Werkzeug läuft nach dem nächsten angehakten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="132"/>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="146"/>
        <source>Ma&amp;x attempts:</source>
        <translation>Ma&amp;x. Versuche:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="148"/>
        <source>Backoff:</source>
        <translation>Wartezeit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="150"/>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="155"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="151"/>
        <source>Factor:</source>
        <translation>Faktor:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="153"/>
        <source>Cap:</source>
        <translation>Höchstens:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="156"/>
        <source>Escalate to:</source>
        <translation>Eskalieren an:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="186"/>
        <source>%1 (not installed)</source>
        <translation>%1 (nicht installiert)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="190"/>
        <source>No program for %1 was found on PATH</source>
        <translation>Für %1 wurde kein Programm im PATH gefunden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="256"/>
        <source>Max attempts must be a whole number from 1 to 100</source>
        <translation>Die Höchstzahl der Versuche muss eine ganze Zahl von 1 bis 100 sein</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="258"/>
        <source>Backoff must be a number of seconds, 0 or more</source>
        <translation>Die Wartezeit muss eine Zahl von Sekunden sein, 0 oder mehr</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="260"/>
        <source>Factor must be a number, 1 or more</source>
        <translation>Der Faktor muss eine Zahl sein, 1 oder mehr</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/retrypolicyeditor.cpp" line="262"/>
        <source>Cap must be a number of seconds, 0 or more</source>
        <translation>Die längste Wartezeit muss eine Zahl von Sekunden sein, 0 oder mehr</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ReviewModel</name>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="149"/>
        <source>(not parsed yet)</source>
        <translation>(noch nicht gelesen)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="151"/>
        <source>(error)</source>
        <translation>(Fehler)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="160"/>
        <source>default (%1)</source>
        <translation>Vorgabe (%1)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="162"/>
        <source>default</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="182"/>
        <source>Left out of the conversion</source>
        <translation>Von der Umwandlung ausgenommen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="182"/>
        <source>Converted into jobs</source>
        <translation>Wird in Jobs umgewandelt</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="191"/>
        <source>Not among the included workstreams: %1</source>
        <translation>Nicht unter den einbezogenen Workstreams: %1</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="205"/>
        <source>Include</source>
        <translation>Einbeziehen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="206"/>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="207"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="208"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="209"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="210"/>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="211"/>
        <source>Tasks</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="212"/>
        <source>Depends on</source>
        <translation>Hängt ab von</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewmodel.cpp" line="213"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::ReviewPage</name>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="23"/>
        <source>Review Workstreams</source>
        <translation>Workstreams prüfen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="24"/>
        <source>Files with errors are left out. Untick Include to leave out more; double-click (or F2) a tool or priority to change it for one workstream.</source>
        <translation>Dateien mit Fehlern werden ausgelassen. „Einbeziehen“ abwählen, um weitere auszulassen; Werkzeug oder Priorität doppelt anklicken (oder F2), um sie für einen Workstream zu ändern.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="30"/>
        <source>Workstreams</source>
        <translation>Workstreams</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="51"/>
        <source>default (%1)</source>
        <translation>Vorgabe (%1)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="61"/>
        <location filename="../ui/wizard/reviewpage.cpp" line="66"/>
        <source>default</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="72"/>
        <source>&amp;Workstreams:</source>
        <translation>&amp;Workstreams:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="75"/>
        <source>&amp;Include</source>
        <translation>&amp;Einbeziehen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="77"/>
        <source>Convert the selected workstreams</source>
        <translation>Die ausgewählten Workstreams umwandeln</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="78"/>
        <source>&amp;Leave out</source>
        <translation>&amp;Auslassen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/reviewpage.cpp" line="80"/>
        <source>Leave the selected workstreams out of the conversion</source>
        <translation>Die ausgewählten Workstreams von der Umwandlung ausnehmen</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/reviewpage.cpp" line="136"/>
        <source>%n workstream(s) read, </source>
        <translation>
            <numerusform>%n Workstream gelesen, </numerusform>
            <numerusform>%n Workstreams gelesen, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/reviewpage.cpp" line="136"/>
        <source>%n included</source>
        <translation>
            <numerusform>%n einbezogen</numerusform>
            <numerusform>%n einbezogen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/reviewpage.cpp" line="138"/>
        <source>; %n file(s) with errors left out</source>
        <translation>
            <numerusform>; %n Datei mit Fehlern ausgelassen</numerusform>
            <numerusform>; %n Dateien mit Fehlern ausgelassen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::SettingsDialog</name>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="48"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="54"/>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="62"/>
        <source>How many jobs run at the same time</source>
        <translation>Wie viele Jobs gleichzeitig laufen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="63"/>
        <source>&amp;Workers:</source>
        <translation>&amp;Worker:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="65"/>
        <source>Start &amp;paused</source>
        <translation>&amp;Angehalten starten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="67"/>
        <source>Open the dashboard without starting queued jobs</source>
        <translation>Das Dashboard öffnen, ohne wartende Jobs zu starten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="70"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="75"/>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="70"/>
        <source>For jobs that set no timeout of their own; 0: no timeout</source>
        <translation>Für Jobs ohne eigenes Zeitlimit; 0: kein Zeitlimit</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="71"/>
        <source>Default &amp;timeout:</source>
        <translation>Standard-&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="76"/>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="77"/>
        <source>Escalate to Codex</source>
        <translation>An Codex eskalieren</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="78"/>
        <source>For jobs that name no retry policy of their own</source>
        <translation>Für Jobs ohne eigene Wiederholungsstrategie</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="79"/>
        <source>Default &amp;retry policy:</source>
        <translation>Standard-Wiederholungs&amp;strategie:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="81"/>
        <source>Tool progra&amp;ms:</source>
        <translation>Werkzeug&amp;programme:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="91"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="94"/>
        <source>How long a job may wait for an AI tool&apos;s rate limit in all before it fails; shared by every worker on this database</source>
        <translation>Wie lange ein Job insgesamt auf das Ratenlimit eines KI-Werkzeugs warten darf, bevor er fehlschlägt; gilt für jeden Worker dieser Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="96"/>
        <source>Wait f&amp;or rate limits at most:</source>
        <translation>&amp;Höchstens auf Ratenlimits warten:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="100"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="107"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="101"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="102"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="103"/>
        <source>T&amp;heme:</source>
        <translation>&amp;Erscheinungsbild:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="109"/>
        <source>English</source>
        <extracomment>The name of the language in that language: leave as is.</extracomment>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="111"/>
        <source>Deutsch</source>
        <extracomment>The name of the language in that language: leave as is.</extracomment>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="112"/>
        <source>&amp;Language:</source>
        <translation>Spra&amp;che:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="115"/>
        <source>&amp;Notify when a run finishes or a job fails for good</source>
        <translation>&amp;Benachrichtigen, wenn ein Lauf endet oder ein Job endgültig fehlschlägt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="147"/>
        <source>The SQLite file that holds jobs, runs and logs</source>
        <translation>Die SQLite-Datei mit Jobs, Läufen und Protokollen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="149"/>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="168"/>
        <source>Tool</source>
        <translation>Werkzeug</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="168"/>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="205"/>
        <source>Brow&amp;se…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="207"/>
        <source>Choose the program of the selected tool</source>
        <translation>Das Programm des ausgewählten Werkzeugs wählen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="220"/>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="262"/>
        <source>Takes effect after a restart.</source>
        <translation>Wirkt nach einem Neustart.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="269"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="270"/>
        <source>Orchestrator databases (*.db)</source>
        <translation>Orchestrator-Datenbanken (*.db)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="280"/>
        <source>Program for %1</source>
        <translation>Programm für %1</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="254"/>
        <source>Takes effect at the next launch without --db; this window keeps the database given with --db.</source>
        <translation>Wirkt beim nächsten Start ohne --db; dieses Fenster behält die mit --db angegebene Datenbank.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="168"/>
        <source>At once</source>
        <translation>Gleichzeitig</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="169"/>
        <source>An empty program is looked up on PATH. At once: how many attempts of the tool may run at the same time on every worker of this database</source>
        <translation>Ein leeres Programm wird im PATH gesucht. Gleichzeitig: wie viele Versuche des Werkzeugs auf allen Workern dieser Datenbank zugleich laufen dürfen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="185"/>
        <source>No cap</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="188"/>
        <source>At most this many attempts of %1 at once on every worker of this database (protects a subscription&apos;s quota); No cap: as many as there are workers</source>
        <translation>Höchstens so viele Versuche von %1 gleichzeitig auf allen Workern dieser Datenbank (schützt das Kontingent eines Abonnements); Keine Grenze: so viele, wie es Worker gibt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="256"/>
        <source>Takes effect at the next launch without --db.</source>
        <translation>Wirkt beim nächsten Start ohne --db.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/settingsdialog.cpp" line="258"/>
        <source>This window uses the database given with --db, which overrides the setting for this window only. Without --db the dashboard opens %1.</source>
        <translation>Dieses Fenster verwendet die mit --db angegebene Datenbank; sie ersetzt die Einstellung nur für dieses Fenster. Ohne --db öffnet das Dashboard %1.</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::SingleInstance</name>
    <message>
        <location filename="../ui/app/singleinstance.cpp" line="88"/>
        <source>%1: cannot create the lock file; running without the single-dashboard guard</source>
        <translation>%1: die Sperrdatei kann nicht angelegt werden; läuft ohne den Schutz vor einem zweiten Dashboard</translation>
    </message>
    <message>
        <location filename="../ui/app/singleinstance.cpp" line="104"/>
        <source>%1: cannot listen for other dashboards: %2</source>
        <translation>%1: kann nicht auf andere Dashboards hören: %2</translation>
    </message>
    <message>
        <location filename="../ui/app/singleinstance.cpp" line="171"/>
        <source>the dashboard running on %1 (pid %2) does not answer: %3</source>
        <translation>das auf %1 laufende Dashboard (PID %2) antwortet nicht: %3</translation>
    </message>
    <message>
        <location filename="../ui/app/singleinstance.cpp" line="186"/>
        <source>the dashboard running on %1 (pid %2) did not take the files: %3</source>
        <translation>das auf %1 laufende Dashboard (PID %2) hat die Dateien nicht angenommen: %3</translation>
    </message>
    <message>
        <location filename="../ui/app/singleinstance.cpp" line="193"/>
        <source>the dashboard running on %1 refused the files</source>
        <translation>das auf %1 laufende Dashboard hat die Dateien abgelehnt</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::SourcePage</name>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="65"/>
        <source>Workstream Files</source>
        <translation>Workstream-Dateien</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="66"/>
        <source>Pick the workstream files to convert, or folders holding them. Each file is read and checked as it is added.</source>
        <translation>Die umzuwandelnden Workstream-Dateien oder Ordner mit ihnen wählen. Jede Datei wird beim Hinzufügen gelesen und geprüft.</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="72"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="72"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="79"/>
        <source>Source files</source>
        <translation>Quelldateien</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="81"/>
        <source>&amp;Files:</source>
        <translation>&amp;Dateien:</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="84"/>
        <source>Add &amp;files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="86"/>
        <source>Add f&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="88"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="90"/>
        <source>Remove the selected files from the list (Del)</source>
        <translation>Die ausgewählten Dateien aus der Liste entfernen (Entf)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="103"/>
        <source>Reading files</source>
        <translation>Dateien werden gelesen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="105"/>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/sourcepage.cpp" line="228"/>
        <source>parsed: workstream %1, %n task(s)</source>
        <translation>
            <numerusform>gelesen: Workstream %1, %n Aufgabe</numerusform>
            <numerusform>gelesen: Workstream %1, %n Aufgaben</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="239"/>
        <source>reading…</source>
        <translation>wird gelesen…</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="250"/>
        <source>No files yet. Add files or folders, or drop them here.</source>
        <translation>Noch keine Dateien. Dateien oder Ordner hinzufügen oder hierher ziehen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/sourcepage.cpp" line="252"/>
        <source>Reading… %1 of %n file(s) done.</source>
        <translation>
            <numerusform>Lese… %1 von %n Datei fertig.</numerusform>
            <numerusform>Lese… %1 von %n Dateien fertig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/sourcepage.cpp" line="254"/>
        <source>%n file(s): </source>
        <translation>
            <numerusform>%n Datei: </numerusform>
            <numerusform>%n Dateien: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/sourcepage.cpp" line="254"/>
        <source>%n workstream(s) read</source>
        <translation>
            <numerusform>%n Workstream gelesen</numerusform>
            <numerusform>%n Workstreams gelesen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizard/sourcepage.cpp" line="255"/>
        <source>, %n file(s) with errors (left out)</source>
        <translation>
            <numerusform>, %n Datei mit Fehlern (ausgelassen)</numerusform>
            <numerusform>, %n Dateien mit Fehlern (ausgelassen)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="272"/>
        <source>Add Workstream Files</source>
        <translation>Workstream-Dateien hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="273"/>
        <source>Workstream files (*.json);;All files (*)</source>
        <translation>Workstream-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/wizard/sourcepage.cpp" line="279"/>
        <source>Add Folder of Workstream Files</source>
        <translation>Ordner mit Workstream-Dateien hinzufügen</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::SubmitDialog</name>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="144"/>
        <source>Submit Job</source>
        <translation>Job einreichen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="159"/>
        <source>&amp;Submit</source>
        <translation>&amp;Einreichen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="161"/>
        <source>Submit the job (Ctrl+Return)</source>
        <translation>Den Job einreichen (Strg+Eingabe)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="235"/>
        <source>none: the job is the form below</source>
        <translation>keine: Der Job ist das Formular unten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="237"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="238"/>
        <source>Submit a job file instead of the form</source>
        <translation>Eine Jobdatei statt des Formulars einreichen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="241"/>
        <source>Use &amp;Form</source>
        <translation>Formular &amp;verwenden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="242"/>
        <source>Forget the job file and submit the form</source>
        <translation>Die Jobdatei verwerfen und das Formular einreichen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="270"/>
        <source>Job file:</source>
        <translation>Jobdatei:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="282"/>
        <source>letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;</source>
        <translation>Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="283"/>
        <source>Job &amp;id:</source>
        <translation>Job-&amp;ID:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="295"/>
        <source>&amp;Tool:</source>
        <translation>&amp;Werkzeug:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="300"/>
        <source>empty: the tool builds the command from the instructions</source>
        <translation>leer: Das Werkzeug baut den Befehl aus den Anweisungen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="301"/>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="305"/>
        <source>separated by spaces; &quot;double quotes&quot; keep spaces together</source>
        <translation>durch Leerzeichen getrennt; &quot;doppelte Anführungszeichen&quot; halten Leerzeichen zusammen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="306"/>
        <source>&amp;Arguments:</source>
        <translation>&amp;Argumente:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="312"/>
        <source>what the tool should do (for shell: the script)</source>
        <translation>was das Werkzeug tun soll (bei shell: das Skript)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="314"/>
        <source>I&amp;nstructions:</source>
        <translation>A&amp;nweisungen:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="322"/>
        <source>empty: the repository root</source>
        <translation>leer: die Wurzel des Repositorys</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="323"/>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="327"/>
        <source>&amp;Working directory:</source>
        <translation>Arbeitsve&amp;rzeichnis:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="332"/>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="340"/>
        <source>empty: a new run</source>
        <translation>leer: ein neuer Lauf</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="341"/>
        <source>The run the job joins (run_id); an id not used yet starts a new run with that id</source>
        <translation>Der Lauf, zu dem der Job kommt (run_id); eine noch unbenutzte ID beginnt einen neuen Lauf mit dieser ID</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="342"/>
        <source>&amp;Run id:</source>
        <translation>&amp;Lauf-ID:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="347"/>
        <source>empty: &quot;default&quot;</source>
        <translation>leer: „default“</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="348"/>
        <source>The workstream of the run the job belongs to (workstream_id)</source>
        <translation>Der Workstream des Laufs, zu dem der Job gehört (workstream_id)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="349"/>
        <source>Wor&amp;kstream:</source>
        <translation>Wor&amp;kstream:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="354"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="355"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="356"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="357"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="359"/>
        <source>Priorit&amp;y:</source>
        <translation>Pri&amp;orität:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="364"/>
        <source>The job starts only after every checked job has succeeded</source>
        <translation>Der Job startet erst, wenn jeder angehakte Job erfolgreich war</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="365"/>
        <source>Dependen&amp;cies:</source>
        <translation>A&amp;bhängigkeiten:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="368"/>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="368"/>
        <source>The attempt&apos;s processes are killed after this many seconds; empty or 0: no timeout</source>
        <translation>Die Prozesse des Versuchs werden nach so vielen Sekunden beendet; leer oder 0: kein Zeitlimit</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="382"/>
        <source>Retry po&amp;licy:</source>
        <translation>Wieder&amp;holungsstrategie:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="852"/>
        <source>Ready to submit, but see the warning above.</source>
        <translation>Bereit zum Einreichen, aber beachten Sie die Warnung oben.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="858"/>
        <source>To fix: %1.</source>
        <translation>Zu beheben: %1.</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="370"/>
        <source>Timeo&amp;ut:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="405"/>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="405"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="414"/>
        <source>Variables set over the inherited environment</source>
        <translation>Variablen, die die geerbte Umgebung überschreiben</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="417"/>
        <source>A&amp;dd</source>
        <translation>Hinzufü&amp;gen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="418"/>
        <source>Re&amp;move</source>
        <translation>En&amp;tfernen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="619"/>
        <source>Open Job File</source>
        <translation>Jobdatei öffnen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="620"/>
        <source>Job files (*.json);;All files (*)</source>
        <translation>Jobdateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="628"/>
        <source>Working Directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="700"/>
        <source>Job id is required</source>
        <translation>Die Job-ID fehlt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="703"/>
        <source>Tool is required</source>
        <translation>Das Werkzeug fehlt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="707"/>
        <source>The %1 tool runs only a program you name: Program is required</source>
        <translation>Das Werkzeug %1 führt nur ein angegebenes Programm aus: Das Programm fehlt</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="709"/>
        <source>The %1 tool needs instructions (or a program to run)</source>
        <translation>Das Werkzeug %1 braucht Anweisungen (oder ein auszuführendes Programm)</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="758"/>
        <source>Job id must be 1 to 200 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>Die Job-ID muss aus 1 bis 200 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; bestehen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="760"/>
        <source>Run id must be 1 to 200 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>Die Lauf-ID muss aus 1 bis 200 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; bestehen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="762"/>
        <source>Workstream must be 1 to 200 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>Der Workstream muss aus 1 bis 200 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; bestehen</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="764"/>
        <source>Program is required when arguments are given</source>
        <translation>Zu Argumenten gehört ein Programm</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="767"/>
        <source>The %1 tool builds its command from settings a job file gives (%2): here, name a program to run</source>
        <translation>Das Werkzeug %1 baut seinen Befehl aus Einstellungen einer Jobdatei (%2): Geben Sie hier ein auszuführendes Programm an</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="800"/>
        <source>%1 is not installed here (no program &quot;%2&quot; on PATH): the job would fail to start</source>
        <translation>%1 ist hier nicht installiert (kein Programm „%2“ im PATH): Der Job würde nicht starten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="805"/>
        <source>%1 is not installed here (no program &quot;%2&quot; on PATH): attempts escalated to it would fail to start</source>
        <translation>%1 ist hier nicht installiert (kein Programm „%2“ im PATH): Daran eskalierte Versuche würden nicht starten</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/submitdialog.cpp" line="852"/>
        <source>Ready to submit.</source>
        <translation>Bereit zum Einreichen.</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::TextSearch</name>
    <message>
        <location filename="../ui/views/textsearch.cpp" line="111"/>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <location filename="../ui/views/textsearch.cpp" line="113"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::TimelineView</name>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="107"/>
        <location filename="../ui/views/timelineview.cpp" line="1199"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="109"/>
        <location filename="../ui/views/timelineview.cpp" line="1196"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="110"/>
        <location filename="../ui/views/timelineview.cpp" line="1197"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="111"/>
        <source>Killed by a signal</source>
        <translation>Durch Signal beendet</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="112"/>
        <source>Failed to start</source>
        <translation>Start fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="113"/>
        <source>Could not be set up</source>
        <translation>Konnte nicht vorbereitet werden</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="114"/>
        <source>Rate limited</source>
        <translation>Ratenlimit erreicht</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="115"/>
        <source>Not logged in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="116"/>
        <location filename="../ui/views/timelineview.cpp" line="886"/>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="117"/>
        <location filename="../ui/views/timelineview.cpp" line="1198"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="118"/>
        <source>Interrupted</source>
        <translation>Unterbrochen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="126"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="129"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="131"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="132"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="269"/>
        <location filename="../ui/views/timelineview.cpp" line="1182"/>
        <source>Worker slots</source>
        <translation>Worker-Plätze</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="270"/>
        <location filename="../ui/views/timelineview.cpp" line="1183"/>
        <source>Workstreams</source>
        <translation>Workstreams</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="311"/>
        <source>Run timeline</source>
        <translation>Zeitleiste des Laufs</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="312"/>
        <source>Attempts of the run as bars over time, one lane per worker slot or workstream</source>
        <translation>Versuche des Laufs als Balken über die Zeit, eine Bahn je Worker-Platz oder Workstream</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="313"/>
        <source>Timeline chart</source>
        <translation>Zeitleisten-Diagramm</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="472"/>
        <source>unknown engine</source>
        <translation>unbekannte Engine</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="473"/>
        <source>Slot %1</source>
        <translation>Platz %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="474"/>
        <source>%1 · slot %2</source>
        <translation>%1 · Platz %2</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="477"/>
        <source>Worker slot %1 of engine %2</source>
        <translation>Worker-Platz %1 der Engine %2</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="479"/>
        <source>(no workstream)</source>
        <translation>(kein Workstream)</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="481"/>
        <source>Workstream %1, row %2</source>
        <translation>Workstream %1, Zeile %2</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="878"/>
        <source>Attempt %1 with %2</source>
        <translation>Versuch %1 mit %2</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="879"/>
        <source>Outcome: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="880"/>
        <source>Started: %1 (%2 into the run)</source>
        <translation>Gestartet: %1 (%2 nach Laufbeginn)</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="883"/>
        <source>Duration: %1 so far</source>
        <translation>Dauer: bisher %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="884"/>
        <source>Duration: %1</source>
        <translation>Dauer: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="888"/>
        <source>Killed by signal %1</source>
        <translation>Durch Signal %1 beendet</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="890"/>
        <source>Exit code: %1</source>
        <translation>Exit-Code: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="892"/>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="894"/>
        <source>Engine: %1</source>
        <translation>Engine: %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="896"/>
        <source>On the critical path</source>
        <translation>Auf dem kritischen Pfad</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="919"/>
        <source>Select a run to see its timeline</source>
        <translation>Einen Lauf auswählen, um seine Zeitleiste zu sehen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="923"/>
        <source>No attempts yet</source>
        <translation>Noch keine Versuche</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1066"/>
        <source>%1 (attempt %2)</source>
        <translation>%1 (Versuch %2)</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1184"/>
        <source>One lane per worker slot, or per workstream</source>
        <translation>Eine Bahn je Worker-Platz oder je Workstream</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1185"/>
        <source>Lanes</source>
        <translation>Bahnen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1186"/>
        <source>&amp;Lanes:</source>
        <translation>&amp;Bahnen:</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1200"/>
        <source>Critical path</source>
        <translation>Kritischer Pfad</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1202"/>
        <source>Hatched bars were killed: timed out, killed by a signal or interrupted</source>
        <translation>Schraffierte Balken wurden beendet: Zeitüberschreitung, Signal oder Unterbrechung</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1213"/>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1213"/>
        <source>Show a longer time span (Ctrl+-)</source>
        <translation>Längeren Zeitraum zeigen (Strg+-)</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1214"/>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1214"/>
        <source>Show more detail (Ctrl++, or Ctrl+wheel)</source>
        <translation>Mehr Details zeigen (Strg++ oder Strg+Mausrad)</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1215"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1215"/>
        <source>Fit the whole run into the view (Ctrl+0)</source>
        <translation>Den ganzen Lauf einpassen (Strg+0)</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1216"/>
        <source>Fit the whole run</source>
        <translation>Den ganzen Lauf einpassen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1283"/>
        <source>Jobs %1 · Tokens %2 · Cost %3</source>
        <translation>Jobs %1 · Tokens %2 · Kosten %3</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1328"/>
        <source>No run selected</source>
        <translation>Kein Lauf ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1329"/>
        <source>Run %1: no attempts yet</source>
        <translation>Lauf %1: noch keine Versuche</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1337"/>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1338"/>
        <source>Duration %1, running</source>
        <translation>Dauer %1, läuft</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1338"/>
        <source>Duration %1</source>
        <translation>Dauer %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1339"/>
        <source>Attempts %1</source>
        <translation>Versuche %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1340"/>
        <source>Utilisation %1 of %2 slots</source>
        <translation>Auslastung %1 von %2 Plätzen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1356"/>
        <source>Critical path: none</source>
        <translation>Kritischer Pfad: keiner</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1358"/>
        <source>Critical path %1: %2</source>
        <translation>Kritischer Pfad %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1363"/>
        <source>and %1 more</source>
        <translation>und %1 weitere</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1366"/>
        <source>Started %1</source>
        <translation>Gestartet %1</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="1368"/>
        <source>Critical path (%1, %2 jobs): %3</source>
        <translation>Kritischer Pfad (%1, %2 Jobs): %3</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="683"/>
        <source>%1 attempts</source>
        <translation>%1 Versuche</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="685"/>
        <source>%1 failed</source>
        <translation>%1 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/views/timelineview.cpp" line="690"/>
        <source>Click or Ctrl+wheel to zoom in and see them one by one</source>
        <translation>Klicken oder Strg+Mausrad zum Vergrößern, um sie einzeln zu sehen</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::TimeoutField</name>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="88"/>
        <source>Timeout must be a whole number of seconds from 0 to %L1</source>
        <translation>Das Zeitlimit muss eine ganze Zahl von Sekunden von 0 bis %L1 sein</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/dialogs/timeoutspin.cpp" line="99"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="101"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="103"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="105"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="113"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="115"/>
        <source>seconds (%1)</source>
        <translation>Sekunden (%1)</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::UsageWords</name>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="28"/>
        <source>%1k</source>
        <extracomment>thousands of tokens: &quot;12.3k&quot;</extracomment>
        <translation>%1k</translation>
    </message>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="30"/>
        <source>%1M</source>
        <extracomment>millions of tokens: &quot;4.2M&quot;</extracomment>
        <translation>%1 Mio.</translation>
    </message>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="38"/>
        <source>%1 in · %2 out</source>
        <extracomment>tokens read and written by an AI tool: &quot;12.3k in · 2.1k out&quot;</extracomment>
        <translation>%1 ein · %2 aus</translation>
    </message>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="49"/>
        <source>$%1</source>
        <extracomment>a cost in US dollars: &quot;$0.42&quot;</extracomment>
        <translation>%1 $</translation>
    </message>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="66"/>
        <source>%1 + ?</source>
        <extracomment>a total cost to which jobs of unknown cost add more: &quot;$1.27 + ?&quot;</extracomment>
        <translation>%1 + ?</translation>
    </message>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="71"/>
        <source>Cost unknown: the tool reported none, and its model has no price in the tools file.</source>
        <translation>Kosten unbekannt: Das Werkzeug hat keine gemeldet, und für sein Modell steht kein Preis in der Werkzeugdatei.</translation>
    </message>
    <message>
        <location filename="../ui/models/usagewords.cpp" line="79"/>
        <source>%1 input tokens (%2 cached), %3 output tokens</source>
        <translation>%1 Eingabe-Tokens (%2 aus dem Cache), %3 Ausgabe-Tokens</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/usagewords.cpp" line="97"/>
        <source>%n job(s) of AI tools: </source>
        <translation>
            <numerusform>%n Job von KI-Werkzeugen: </numerusform>
            <numerusform>%n Jobs von KI-Werkzeugen: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/usagewords.cpp" line="99"/>
        <source>%n job(s) of unknown cost not included.</source>
        <translation>
            <numerusform>%n Job mit unbekannten Kosten nicht enthalten.</numerusform>
            <numerusform>%n Jobs mit unbekannten Kosten nicht enthalten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::WorkersModel</name>
    <message>
        <location filename="../ui/views/workersview.cpp" line="80"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="82"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="84"/>
        <location filename="../ui/views/workersview.cpp" line="278"/>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="86"/>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="87"/>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="106"/>
        <source>%1 — late</source>
        <translation>%1 — verspätet</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="159"/>
        <source>%1: last heartbeat at %2, more than %3 s ago. It may have stopped or lost the database; its jobs are reclaimed when their lease runs out.</source>
        <translation>%1: letztes Lebenszeichen um %2, vor mehr als %3 s. Er ist vielleicht angehalten oder hat die Datenbank verloren; seine Jobs werden übernommen, wenn ihre Reservierung abläuft.</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="163"/>
        <source>%1: last heartbeat at %2</source>
        <translation>%1: letztes Lebenszeichen um %2</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="176"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="177"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="178"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="179"/>
        <source>Slots</source>
        <translation>Plätze</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="180"/>
        <source>Busy</source>
        <translation>Belegt</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="181"/>
        <source>Last heartbeat</source>
        <translation>Letztes Lebenszeichen</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="182"/>
        <source>Jobs done</source>
        <translation>Erledigte Jobs</translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::WorkersView</name>
    <message>
        <location filename="../ui/views/workersview.cpp" line="266"/>
        <source>Workers</source>
        <translation>Worker</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="278"/>
        <source>%1 — late</source>
        <translation>%1 — verspätet</translation>
    </message>
    <message>
        <location filename="../ui/views/workersview.cpp" line="309"/>
        <source>No worker is connected to this database.</source>
        <translation>Kein Worker ist mit dieser Datenbank verbunden.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/workersview.cpp" line="318"/>
        <source>%n worker(s), %1 of %2 slots busy</source>
        <translation>
            <numerusform>%n Worker, %1 von %2 Plätzen belegt</numerusform>
            <numerusform>%n Worker, %1 von %2 Plätzen belegt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/views/workersview.cpp" line="320"/>
        <source>, %n late</source>
        <translation>
            <numerusform>, %n verspätet</numerusform>
            <numerusform>, %n verspätet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Orchestrator::Ui::WorkstreamModel</name>
    <message>
        <location filename="../ui/models/workstreammodel.cpp" line="28"/>
        <source>Run / workstream</source>
        <translation>Lauf / Workstream</translation>
    </message>
    <message>
        <location filename="../ui/models/workstreammodel.cpp" line="28"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location filename="../ui/models/workstreammodel.cpp" line="28"/>
        <source>Failed</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../ui/models/workstreammodel.cpp" line="28"/>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <location filename="../ui/models/workstreammodel.cpp" line="113"/>
        <location filename="../ui/views/mainwindow.cpp" line="162"/>
        <source>%1/%2 (%3 running)</source>
        <translation>%1/%2 (%3 laufend)</translation>
    </message>
    <message>
        <location filename="../ui/models/workstreammodel.cpp" line="114"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/workstreammodel.cpp" line="155"/>
        <source>%n succeeded</source>
        <translation>
            <numerusform>%n erfolgreich</numerusform>
            <numerusform>%n erfolgreich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/workstreammodel.cpp" line="157"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/workstreammodel.cpp" line="159"/>
        <source>%n cancelled</source>
        <translation>
            <numerusform>%n abgebrochen</numerusform>
            <numerusform>%n abgebrochen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeoutSpin</name>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="19"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../ui/dialogs/timeoutspin.cpp" line="21"/>
        <source>At most %1 s (%2 days) here; a job file may set up to %3 s.</source>
        <translation>Hier höchstens %1 s (%2 Tage); eine Job-Datei darf bis zu %3 s festlegen.</translation>
    </message>
</context>
</TS>
