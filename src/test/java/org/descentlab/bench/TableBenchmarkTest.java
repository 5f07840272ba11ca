package org.descentlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.descentlab.experiment.Experiment;

import java.util.List;

import org.junit.jupiter.api.Test;

/** bin/bench-table times exactly the lecture's table: the seven experiments with a quoted accuracy. */
class TableBenchmarkTest {

    @Test
    void theTableIsTheSevenLectureRuns() {
        assertEquals(List.of("batchsize-1024", "batchsize-64", "scheduler", "sgd-scheduler-momentum", "adam", "adamw",
                "adabelief"), TableBenchmark.lectureTable().stream().map(Experiment::name).toList());
    }
}
