package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.train.Devices;
import org.descentlab.train.RealMnist;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproduce in quick mode, 1 epoch, 2 seeds of the adam experiment: files, report, summary. */
class ReproduceTest {

    @Test
    void writesTablesFiguresAndAReportAgainstTheLecturesNumber(@TempDir Path dir) throws Exception {
        RealMnist.splits(); // fails with the fix command if the cache is missing
        String device = Devices.name(Devices.resolve(Devices.AUTO));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Reproduce.RunSummary> runs = new Reproduce(true, 1, 2, dir,
                new PrintStream(log, true, StandardCharsets.UTF_8), null).run(List.of(Experiments.get("adam")));
        assertEquals(1, runs.size());
        assertEquals(2, runs.get(0).testAccuracies().size());
        assertTrue(runs.get(0).mean() > 70, "quick adam, 1 epoch: " + runs.get(0).testAccuracies());
        for (int k = 0; k < 2; k++) {
            List<String> csv = Files.readAllLines(dir.resolve("adam-seed" + k + ".csv"));
            assertEquals("epoch,batch_size,train_loss,last_batch_loss,train_acc,val_acc,test_acc,lr,seconds,updates,device",
                    csv.get(0));
            assertEquals(2, csv.size());
            assertTrue(csv.get(1).endsWith("," + device), csv.get(1));
            assertTrue(Files.size(dir.resolve("adam-seed" + k + ".png")) > 10_000);
        }
        String report = Files.readString(dir.resolve("report.md"));
        assertTrue(report.contains("| adam |") && report.contains("97.37") && report.contains("quick"), report);
        assertTrue(report.contains("Peak resident memory"), report);
        assertTrue(report.contains("Device: " + device + " (PyTorch "), report);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains(device.equals("cpu") ? "cpu, 1 thread" : device),
                log.toString());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("peak resident memory"), log.toString());
    }
}
