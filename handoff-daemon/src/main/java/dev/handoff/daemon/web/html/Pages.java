package dev.handoff.daemon.web.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The API's resources as a browser sees them: one method per page, each taking its page model and
 * returning the whole page. The web layer's {@code Representation} chooses between these and JSON,
 * so that handlers stay the same for both.
 *
 * <p>The templates under {@code src/main/jte} are turned into Java at build time (the
 * jte-maven-plugin's {@code generate}), so javac checks them against the models and the daemon
 * needs no compiler at run time. They are HTML templates: every value they write is escaped for
 * where it goes (text, attribute), and only {@link gg.jte.Content} from {@link Markdown} is written
 * as markup. All share one layout ({@code layout.jte}), the one place for what every page has.
 */
public final class Pages {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(
            null, ContentType.Html, Pages.class.getClassLoader(), "dev.handoff.daemon.web.html.templates");

    private Pages() {}

    /** {@code /suites}. */
    public static String suites(SuitesModel model) {
        return render("suites.jte", model);
    }

    /** {@code /suites/{suite}} and {@code /suites/{suite}/runs}. */
    public static String suite(SuiteModel model) {
        return render("suite.jte", model);
    }

    /** {@code /suites/{suite}/runs/{run}}. */
    public static String run(RunModel model) {
        return render("run.jte", model);
    }

    /** The part of a run's page that changes while it runs, as its event stream sends it. */
    public static String runLive(RunModel model) {
        return render("runLive.jte", model);
    }

    /** {@code /suites/{suite}/tests}. */
    public static String tests(TestsModel model) {
        return render("tests.jte", model);
    }

    /** {@code /suites/{suite}/runs/{run}/tests/{test}}. */
    public static String test(TestModel model) {
        return render("test.jte", model);
    }

    /** {@code /suites/{suite}/tests/{test}}. */
    public static String history(HistoryModel model) {
        return render("history.jte", model);
    }

    /** {@code /schedules/{schedule}}. */
    public static String schedule(ScheduleModel model) {
        return render("schedule.jte", model);
    }

    /** {@code /schedules}. */
    public static String schedules(SchedulesModel model) {
        return render("schedules.jte", model);
    }

    /** {@code /gates}. */
    public static String gates(GatesModel model) {
        return render("gates.jte", model);
    }

    /** {@code /gates/{gate}}. */
    public static String gate(GateModel model) {
        return render("gate.jte", model);
    }

    /** A problem: its status, title and detail, under the same status code as the JSON problem. */
    public static String error(int status, String title, String detail) {
        return render("error.jte", new ErrorModel(status, title, detail));
    }

    private static String render(String template, Object model) {
        StringOutput output = new StringOutput(8192);
        ENGINE.render(template, model, output);
        return output.toString();
    }
}
