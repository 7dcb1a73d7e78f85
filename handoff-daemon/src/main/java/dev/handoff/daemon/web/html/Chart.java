package dev.handoff.daemon.web.html;

import dev.handoff.daemon.model.SuiteRun;
import dev.handoff.daemon.web.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of runs' durations, oldest left, each bar in its result's colour and linked to its
 * run, drawn as inline SVG by the template: no chart library and no script. Each bar has a title
 * (result, number, duration) for readers who cannot tell the colours apart, and the runs table
 * below it says the same in words.
 *
 * @param bars in SVG user units of a {@link #WIDTH} × {@link #HEIGHT} view box
 * @param longest the longest duration, the top of the scale
 */
public record Chart(List<Bar> bars, Duration longest) {

    public static final int WIDTH = 600;
    public static final int HEIGHT = 120;

    /** One run's bar: where it stands, its result (the colour class) and what it says on hover. */
    public record Bar(int x, int y, int width, int height, String result, String title, String href) {}

    /** @param runs newest first, as pages of runs come */
    public static Chart of(List<SuiteRun> runs, Instant now) {
        List<SuiteRun> oldestFirst = runs.reversed();
        long longest = oldestFirst.stream()
                .map(run -> run.duration(now).orElse(Duration.ZERO).toMillis())
                .max(Long::compare)
                .orElse(0L);
        List<Bar> bars = new ArrayList<>();
        // Slots for a full page of runs at least, so that a few runs do not make a few wide blocks.
        int slot = WIDTH / Math.max(oldestFirst.size(), 25);
        int width = Math.max(2, slot - 2);
        for (int i = 0; i < oldestFirst.size(); i++) {
            SuiteRun run = oldestFirst.get(i);
            long millis = run.duration(now).orElse(Duration.ZERO).toMillis();
            int height = longest == 0 ? 2 : Math.max(2, (int) (millis * (HEIGHT - 4) / longest));
            String result = run.result().label();
            bars.add(new Bar(
                    i * slot + 1,
                    HEIGHT - height,
                    width,
                    height,
                    result,
                    "#%d %s %s".formatted(run.id().number(), result, Format.duration(Duration.ofMillis(millis))),
                    Paths.run(run.id())));
        }
        return new Chart(bars, Duration.ofMillis(longest));
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
