package io.streamrec.trainer.caser;

import static io.streamrec.trainer.family.SettingRefusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaserConfigTest {
    @Test
    void theDefaultsAreTheAuthorsPublishedSettings() {
        CaserConfig c = CaserConfig.defaults();
        assertThat(List.of(c.sequenceLength(), c.targets(), c.embeddingSize(), c.verticalFilters(),
                c.horizontalFilters(), c.batchSize(), c.epochs(), c.negatives())).containsExactly(5, 3, 50, 4, 16, 512,
                50, 3);
        assertThat(c.dropout()).isEqualTo(0.5f);
        assertThat(c.learningRate()).isEqualTo(1e-3f);
        assertThat(c.l2()).isEqualTo(1e-6f);
        assertThat(c.convActivation()).isEqualTo(CaserConfig.Activation.RELU);
        assertThat(c.fcActivation()).isEqualTo(CaserConfig.Activation.RELU);
        assertThat(c.loss()).isEqualTo(CaserConfig.Loss.BCE);
        assertThat(c.convolutionWidth()).isEqualTo(4 * 50 + 16 * 5);
    }

    @Test
    void everySettingHasAKeyAndReadsBackFromItsOwnMap() {
        CaserConfig changed = CaserConfig.defaults().with(Map.of("sequence_length", "8", "conv_activation", "tanh",
                "loss", "softmax", "windows", "all", "user_source", "session-id", "unknown_user_rate", "0.1"));
        assertThat(changed.sequenceLength()).isEqualTo(8);
        assertThat(changed.convActivation()).isEqualTo(CaserConfig.Activation.TANH);
        assertThat(changed.loss()).isEqualTo(CaserConfig.Loss.SOFTMAX);
        assertThat(changed.windows()).isEqualTo(CaserConfig.Windows.ALL);
        assertThat(changed.userSource()).isEqualTo(CaserConfig.UserSource.SESSION_ID);
        assertThat(changed.asMap().keySet()).containsExactlyElementsOf(CaserConfig.SETTINGS.settings().stream()
                .map(s -> s.key()).toList());
        assertThat(CaserConfig.defaults().with(changed.asMap())).isEqualTo(changed);
    }

    @Test
    void unknownKeysAndBadValuesAreRefused() {
        CaserConfig defaults = CaserConfig.defaults();
        assertRefused(defaults, "hidden_size", "10", "not a caser setting");
        assertThatThrownBy(() -> defaults.with(Map.of("conv_activation", "elu")))
                .hasMessage("conv_activation: 'elu' is not one of relu, tanh, sigmoid, identity");
        assertRefused(defaults, "dropout", "1.0", "must be from 0.0 up to, not including, 1.0");
        assertRefused(defaults, "tied_embedding", "maybe", "'maybe' is not true or false");
        // what one range cannot say is checked across settings, naming them
        assertRefused(defaults, "negatives", "0", "the bce loss needs at least one");
    }

    @Test
    void fullWindowsFollowTheAuthorsAndAllWindowsStartAtEveryPosition() {
        CaserConfig full = CaserConfig.defaults();
        // 10 items, L 5, T 3: windows whose first target is at 5, 6 or 7
        assertThat(TrainingWindows.starts(10, full)).containsExactly(5, 6, 7);
        // shorter than L + T: one window, the last T items as targets
        assertThat(TrainingWindows.starts(6, full)).containsExactly(3);
        assertThat(TrainingWindows.starts(2, full)).containsExactly(1);
        assertThat(TrainingWindows.starts(1, full)).isEmpty();
        CaserConfig all = full.with(CaserConfig.WINDOWS, CaserConfig.Windows.ALL);
        assertThat(TrainingWindows.starts(4, all)).containsExactly(1, 2, 3);

        TrainingWindows w = TrainingWindows.of(List.of(new int[] {1, 2, 3, 4}), new int[] {7}, all);
        assertThat(w.count()).isEqualTo(3);
        // the window at position 3: inputs 0 0 1 2 3, one target (4) then none
        assertThat(java.util.Arrays.copyOfRange(w.inputs(), 10, 15)).containsExactly(0, 0, 1, 2, 3);
        assertThat(java.util.Arrays.copyOfRange(w.targets(), 6, 9)).containsExactly(4, 0, 0);
        assertThat(w.users()).containsExactly(7, 7, 7);
    }
}
