package io.streamrec.trainer;

import io.streamrec.schemas.bundle.ModelBundleCodec;
import io.streamrec.schemas.json.Json;
import io.streamrec.schemas.topic.TopicCatalogue;
import io.streamrec.trainer.data.GruTsvReader;
import io.streamrec.trainer.data.GruTsvWriter;
import io.streamrec.trainer.data.SessionDataset;
import io.streamrec.trainer.data.SyntheticSessions;
import io.streamrec.trainer.gru4rec.Gru4RecConfig;
import io.streamrec.trainer.publish.BundlePublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Train GRU4Rec on session data, evaluate it by the GRU4Rec protocol (the true next item ranked against all",
            "items; Recall/MRR/NDCG@1,5,10,20, conservative ties) next to popularity, export ONNX, check that ONNX Runtime",
            "reproduces the trained scores, and optionally write the bundle and publish it to the model topic."
        })
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "FILE",
            description = "Training data, GRU4Rec TSV (SessionId, ItemId, Time in unix seconds). Without it, --generate is used.")
    Path data;

    @Option(names = "--test-data", paramLabel = "FILE",
            description = "Held-out sessions (GRU4Rec TSV). Without it, the latest --test-fraction of sessions is held out.")
    Path testData;

    @Option(names = "--generate", description = "Train on generated sessions with sequential structure (the default without --data).")
    boolean generate;

    @Option(names = "--generate-only", paramLabel = "FILE",
            description = "Only write the generated sessions (--items, --sessions, --seed) to FILE as GRU4Rec TSV; no training.")
    Path generateOnly;

    @Option(names = "--items", defaultValue = "1000", description = "Generated catalogue size (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--sessions", defaultValue = "20000", description = "Generated sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for data generation and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.1", description = "Share of sessions (latest first) held out (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--save-split", paramLabel = "DIR",
            description = "Write the training and held-out sessions as DIR/train.tsv and DIR/test.tsv (e.g. for replay).")
    Path saveSplit;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Parallel sessions per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--hidden", defaultValue = "100", description = "GRU units (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--embedding", defaultValue = "64", description = "Item embedding size (default: ${DEFAULT-VALUE}).")
    int embedding;

    @Option(names = "--learning-rate", defaultValue = "0.05", description = "Adagrad learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--dropout", defaultValue = "0.0", description = "Dropout on the GRU output (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(names = "--n-sample", defaultValue = "0",
            description = "Extra popularity-sampled negatives per mini-batch (default: ${DEFAULT-VALUE}).")
    int nSample;

    @Option(names = "--sample-alpha", defaultValue = "0.5",
            description = "Negatives drawn proportional to popularity^alpha (default: ${DEFAULT-VALUE}).")
    double sampleAlpha;

    @Option(names = "--sequence-length", defaultValue = "20", description = "L, items the exported graph reads (default: ${DEFAULT-VALUE}).")
    int sequenceLength;

    @Option(names = "--top-k", defaultValue = "20", description = "Items the exported graph returns (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--model-name", defaultValue = "gru4rec", description = "Model line, the key on the model topic (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--model-version", description = "Version to publish under (default: the current UTC time as yyyyMMddHHmmss).")
    Long modelVersion;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the bundle (zip: manifest.json, model.onnx, items.txt) here.")
    Path output;

    @Option(names = "--publish", description = "Publish the bundle to the model topic.")
    boolean publish;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--topic-prefix", defaultValue = "streamrec-", description = "Topic name prefix (default: ${DEFAULT-VALUE}).")
    String topicPrefix;

    @Option(names = "--json", description = "Print the evaluation as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (generateOnly != null) {
            SessionDataset generated = generated();
            GruTsvWriter.write(generated, generateOnly);
            log(String.format("wrote %,d sessions, %,d clicks to %s", generated.sessions().size(),
                    generated.eventCount(), generateOnly));
            return 0;
        }
        SessionDataset.Split split = loadSplit();
        if (saveSplit != null) {
            Files.createDirectories(saveSplit);
            GruTsvWriter.write(split.train(), saveSplit.resolve("train.tsv"));
            GruTsvWriter.write(split.test(), saveSplit.resolve("test.tsv"));
            log("wrote " + saveSplit.resolve("train.tsv") + " and " + saveSplit.resolve("test.tsv"));
        }
        Gru4RecConfig config = new Gru4RecConfig(embedding, hidden, batchSize, epochs, learningRate, dropout, nSample,
                sampleAlpha, seed, sequenceLength, topK);
        long version = modelVersion != null ? modelVersion
                : Long.parseLong(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
        TrainingResult result = TrainingJob.run(new TrainingRequest(split.train(), split.test(), config, modelName,
                version), this::log);
        if (output != null) {
            Files.write(output, ModelBundleCodec.encode(result.bundle()));
            log("bundle written to " + output);
        }
        if (publish) {
            try (BundlePublisher publisher = new BundlePublisher(bootstrap, TopicCatalogue.withPrefix(topicPrefix))) {
                RecordMetadata at = publisher.publish(result.bundle());
                log("published " + result.bundle().manifest().label() + " to " + at.topic() + " at offset " + at.offset());
            }
        }
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("model", result.bundle().manifest().label());
            report.put("metrics", result.metrics());
            report.put("parityMaxAbsDifference", result.parity().maxAbsDifference());
            report.put("trainingSeconds", result.trainingTime().toMillis() / 1000.0);
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            Map<String, Double> m = result.metrics();
            System.out.printf("%s: Recall@20 %.4f  MRR@20 %.4f  NDCG@20 %.4f | popularity Recall@20 %.4f  MRR@20 %.4f%n",
                    result.bundle().manifest().label(), m.getOrDefault("recall@20", Double.NaN),
                    m.getOrDefault("mrr@20", Double.NaN), m.getOrDefault("ndcg@20", Double.NaN),
                    m.getOrDefault("popularity.recall@20", Double.NaN), m.getOrDefault("popularity.mrr@20", Double.NaN));
        }
        return 0;
    }

    private SessionDataset.Split loadSplit() throws Exception {
        if (data == null) {
            return generated().split(testFraction);
        }
        log("reading " + data);
        SessionDataset train = GruTsvReader.read(data);
        if (testData == null) {
            return train.split(testFraction);
        }
        log("reading " + testData);
        return new SessionDataset.Split(train, GruTsvReader.read(testData));
    }

    private SessionDataset generated() {
        log(String.format("generating %,d sessions over %,d items (seed %d)", sessions, items, seed));
        return SyntheticSessions.generate(new SyntheticSessions.Config(items, sessions, seed));
    }

    private void log(String line) {
        (json ? System.err : System.out).println("[train] " + line);
    }
}
