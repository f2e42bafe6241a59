package io.streamrec.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.streamrec.schemas.bundle.InvalidBundleException;
import io.streamrec.schemas.bundle.ModelBundle;
import io.streamrec.schemas.bundle.ModelManifest;
import io.streamrec.schemas.bundle.StepGraph;
import io.streamrec.schemas.bundle.TensorRole;
import io.streamrec.schemas.bundle.TensorSpec;
import io.streamrec.schemas.recommendation.RecommendedItem;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model bundle loaded into ONNX Runtime and checked against its manifest, ready to score sessions.
 *
 * <p>This is the whole of the serving side's knowledge of models: it fills the inputs the manifest names by their
 * {@link TensorRole} and reads the top items back. It never looks at {@link ModelManifest#kind()}.
 *
 * <p>Thread-safe for concurrent {@link #recommend} and {@link #recommendAll} calls (ONNX Runtime sessions are). {@link #close()} must not race
 * with {@code recommend}: ONNX Runtime crashes the JVM when a session is closed under a running inference, so
 * callers that swap models keep their own reference count.
 */
public final class OnnxModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnnxModel.class);

    private final ModelManifest manifest;
    private final ItemVocabulary vocabulary;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final ExecutionDevice device;
    private final String sequenceInput;
    private final String lengthInput;
    private final String userInput;
    private final ItemVocabulary users;
    private final String itemsOutput;
    private final String scoresOutput;
    private StepGraphRunner stepGraph;

    private OnnxModel(ModelManifest manifest, ItemVocabulary vocabulary, ItemVocabulary users, OrtEnvironment env,
                      OrtSession session, ExecutionDevice device) {
        this.manifest = manifest;
        this.vocabulary = vocabulary;
        this.users = users;
        this.env = env;
        this.session = session;
        this.device = device;
        this.sequenceInput = manifest.input(TensorRole.ITEM_SEQUENCE).orElseThrow().name();
        this.lengthInput = manifest.input(TensorRole.SEQUENCE_LENGTH).map(TensorSpec::name).orElse(null);
        this.userInput = manifest.input(TensorRole.USER_INDEX).map(TensorSpec::name).orElse(null);
        this.itemsOutput = manifest.output(TensorRole.TOP_ITEMS).orElseThrow().name();
        this.scoresOutput = manifest.output(TensorRole.TOP_SCORES).orElseThrow().name();
    }

    /**
     * Loads and checks a bundle: the graph's inputs and outputs must be the manifest's, with its types and shapes,
     * and a warm-up inference must return {@code topK} valid item indices. Anything else refuses the bundle.
     */
    public static OnnxModel load(ModelBundle bundle, ScoringOptions options) throws InvalidBundleException {
        ModelManifest manifest = bundle.manifest();
        requireRole(manifest.input(TensorRole.ITEM_SEQUENCE), "input", TensorRole.ITEM_SEQUENCE);
        requireRole(manifest.output(TensorRole.TOP_ITEMS), "output", TensorRole.TOP_ITEMS);
        requireRole(manifest.output(TensorRole.TOP_SCORES), "output", TensorRole.TOP_SCORES);
        if (manifest.sequenceLength() < 1 || manifest.topK() < 1 || manifest.itemCount() < 1) {
            throw new InvalidBundleException("manifest needs positive sequenceLength, topK and itemCount");
        }
        if (manifest.topK() > manifest.itemCount()) {
            throw new InvalidBundleException("topK " + manifest.topK() + " exceeds itemCount " + manifest.itemCount());
        }
        ItemVocabulary vocabulary;
        ItemVocabulary users;
        try {
            vocabulary = new ItemVocabulary(bundle.items());
            // user ids map to indices exactly as item ids do: line i is index i + 1, 0 = unknown
            users = new ItemVocabulary(bundle.users());
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(e.getMessage(), e);
        }

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            sessionOptions.setInterOpNumThreads(options.interOpThreads());
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            ExecutionDevice device = ExecutionDevice.CPU;
            if (options.device() == ExecutionDevice.CUDA) {
                try {
                    sessionOptions.addCUDA(0);
                    device = ExecutionDevice.CUDA;
                } catch (OrtException | RuntimeException e) {
                    log.warn("CUDA execution provider unavailable ({}); {} runs on CPU", e.getMessage(),
                            manifest.label());
                }
            }
            session = env.createSession(bundle.onnxModel(), sessionOptions);
            checkSignature(manifest, session);
            OnnxModel model = new OnnxModel(manifest, vocabulary, users, env, session, device);
            model.warmUp();
            if (manifest.stepGraph() != null) {
                model.loadStepGraph(bundle, sessionOptions);
            }
            return model;
        } catch (OrtException e) {
            closeQuietly(session);
            throw new InvalidBundleException("ONNX Runtime cannot run the graph: " + e.getMessage(), e);
        } catch (InvalidBundleException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    private void loadStepGraph(ModelBundle bundle, OrtSession.SessionOptions options) throws InvalidBundleException {
        StepGraph graph = manifest.stepGraph();
        Optional<String> missing = StepGraphRunner.missingRole(graph);
        if (missing.isPresent()) {
            throw new InvalidBundleException(missing.get());
        }
        OrtSession stepSession = null;
        try {
            stepSession = env.createSession(bundle.stepModel(), options);
            checkTensors("step graph input", graph.inputs(), stepSession.getInputInfo());
            checkTensors("step graph output", graph.outputs(), stepSession.getOutputInfo());
            StepGraphRunner runner = new StepGraphRunner(env, stepSession, graph, vocabulary);
            StepResult first = runner.run(new int[] {1}, null);
            StepResult second = runner.run(new int[] {Math.min(2, vocabulary.size())}, first.state());
            if (second.items().size() != manifest.topK() || second.state().length != graph.stateSize()) {
                throw new InvalidBundleException("step graph warm-up returned " + second.items().size()
                        + " items and a state of " + second.state().length + " values; expected " + manifest.topK()
                        + " and " + graph.stateSize());
            }
            this.stepGraph = runner;
        } catch (OrtException e) {
            closeQuietly(stepSession);
            throw new InvalidBundleException("ONNX Runtime cannot run the step graph: " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException e) {
            closeQuietly(stepSession);
            throw new InvalidBundleException("step graph returned an item index outside the vocabulary", e);
        } catch (InvalidBundleException | RuntimeException e) {
            closeQuietly(stepSession);
            throw e;
        }
    }

    /** Whether the bundle has a step graph: then a session's state can be carried from event to event. */
    public boolean hasStepGraph() {
        return stepGraph != null;
    }

    /** Size of the state a step graph carries; 0 without one. */
    public int stateSize() {
        return stepGraph == null ? 0 : stepGraph.stateSize();
    }

    /**
     * One event of a session whose state this model produced: the item on top of {@code state}. Empty when the model
     * does not know the item (the state then stays as it was).
     */
    public Optional<StepResult> step(String itemId, float[] state) throws OrtException {
        return advance(List.of(StepQuery.step(itemId, state))).get(0);
    }

    /**
     * Builds a session's state from its raw items (oldest first; unknown ones skipped, the last L known ones used)
     * starting from an empty state: how a session gets a state after a model swap, so that states of different model
     * versions never mix. Empty when the model knows none of the items.
     */
    public Optional<StepResult> replay(List<String> sessionItems) throws OrtException {
        return advance(List.of(StepQuery.replay(sessionItems))).get(0);
    }

    /**
     * Runs the step graph for many sessions at once, each answer at its query's position: empty where the model knows
     * none of the query's items. Queries that feed the same number of items share one call of the graph (in steady
     * state, one item each: the whole batch is one call), so a batch costs one matrix-matrix product over the
     * catalogue instead of one matrix-vector product per session.
     */
    public List<Optional<StepResult>> advance(List<StepQuery> queries) throws OrtException {
        requireStepGraph();
        int length = manifest.sequenceLength();
        List<Optional<StepResult>> answers = new ArrayList<>(Collections.nCopies(queries.size(), Optional.empty()));
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        int[][] fed = new int[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            fed[q] = lastKnownIndices(queries.get(q).items(), length);
            if (fed[q].length > 0) {
                byLength.computeIfAbsent(fed[q].length, n -> new ArrayList<>()).add(q);
            }
        }
        for (List<Integer> group : byLength.values()) {
            int[][] rows = new int[group.size()][];
            float[][] states = new float[group.size()][];
            for (int b = 0; b < group.size(); b++) {
                rows[b] = fed[group.get(b)];
                states[b] = queries.get(group.get(b)).state();
            }
            List<StepResult> results = stepGraph.run(rows, states);
            for (int b = 0; b < group.size(); b++) {
                answers.set(group.get(b), Optional.of(results.get(b)));
            }
        }
        return answers;
    }

    private void requireStepGraph() {
        if (stepGraph == null) {
            throw new IllegalStateException(manifest.label() + " has no step graph");
        }
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public ItemVocabulary vocabulary() {
        return vocabulary;
    }

    /** The device the model actually runs on, which is CPU when CUDA was asked for and could not be had. */
    public ExecutionDevice device() {
        return device;
    }

    /** Whether the graph takes a user index (then {@link SessionQuery#userId()} matters). */
    public boolean usesUser() {
        return userInput != null;
    }

    /** Recommendations for one anonymous session; see {@link #recommendAll(List)}. */
    public List<RecommendedItem> recommend(List<String> sessionItems) throws OrtException {
        return recommend(SessionQuery.anonymous(sessionItems));
    }

    /** Recommendations for one session; see {@link #recommendQueries(List)}. */
    public List<RecommendedItem> recommend(SessionQuery query) throws OrtException {
        return recommendQueries(List.of(query)).get(0);
    }

    /** As {@link #recommendQueries(List)} for anonymous sessions. */
    public List<List<RecommendedItem>> recommendAll(List<List<String>> sessions) throws OrtException {
        return recommendQueries(sessions.stream().map(SessionQuery::anonymous).toList());
    }

    /**
     * The top-K items for each session, best first. Each session is its raw item ids, oldest first; ids the model
     * does not know are skipped and only the last L known ones are used. A session with no known item gets an empty
     * list, which callers answer from their fallback. Where the graph takes a user, an unknown or absent user is
     * index 0.
     */
    public List<List<RecommendedItem>> recommendQueries(List<SessionQuery> sessions) throws OrtException {
        int length = manifest.sequenceLength();
        List<List<RecommendedItem>> answers = new ArrayList<>(sessions.size());
        List<Integer> rowOfSession = new ArrayList<>(sessions.size());
        List<int[]> rows = new ArrayList<>(sessions.size());
        List<Integer> userRows = new ArrayList<>(sessions.size());
        for (SessionQuery query : sessions) {
            int[] known = lastKnownIndices(query.items(), length);
            rowOfSession.add(known.length == 0 ? -1 : rows.size());
            if (known.length > 0) {
                rows.add(known);
                userRows.add(userIndex(query.userId()));
            }
        }
        List<List<RecommendedItem>> scored = rows.isEmpty() ? List.of() : score(rows, userRows);
        for (int row : rowOfSession) {
            answers.add(row < 0 ? List.of() : scored.get(row));
        }
        return answers;
    }

    private int[] lastKnownIndices(List<String> items, int length) {
        int[] buffer = new int[length];
        int count = 0;
        for (int i = items.size() - 1; i >= 0 && count < length; i--) {
            int index = vocabulary.indexOf(items.get(i));
            if (index != ItemVocabulary.PADDING) {
                buffer[count++] = index;
            }
        }
        int[] oldestFirst = new int[count];
        for (int i = 0; i < count; i++) {
            oldestFirst[i] = buffer[count - 1 - i];
        }
        return oldestFirst;
    }

    /** The model's index of a user: 0 (unknown) for null or a user the bundle does not list. */
    public int userIndex(String userId) {
        return userId == null ? ItemVocabulary.PADDING : users.indexOf(userId);
    }

    /** Runs the graph on rows of known item indices (oldest first, each 1..L long), anonymously. */
    List<List<RecommendedItem>> score(List<int[]> rows) throws OrtException {
        return score(rows, Collections.nCopies(rows.size(), ItemVocabulary.PADDING));
    }

    /** Runs the graph on rows of known item indices (oldest first, each 1..L long) with each row's user index. */
    List<List<RecommendedItem>> score(List<int[]> rows, List<Integer> userRows) throws OrtException {
        int batch = rows.size();
        int length = manifest.sequenceLength();
        long[] sequences = new long[batch * length];
        long[] lengths = new long[batch];
        for (int b = 0; b < batch; b++) {
            int[] row = rows.get(b);
            for (int i = 0; i < row.length; i++) {
                sequences[b * length + i] = row[i];
            }
            lengths[b] = row.length;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(sequenceInput, OnnxTensor.createTensor(env, LongBuffer.wrap(sequences), new long[] {batch, length}));
            if (lengthInput != null) {
                inputs.put(lengthInput, OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[] {batch}));
            }
            if (userInput != null) {
                long[] userIndices = userRows.stream().mapToLong(Integer::longValue).toArray();
                inputs.put(userInput, OnnxTensor.createTensor(env, LongBuffer.wrap(userIndices), new long[] {batch}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return readTopK(result, batch);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private List<List<RecommendedItem>> readTopK(OrtSession.Result result, int batch) throws OrtException {
        int k = manifest.topK();
        long[] items = OrtOutputs.longs(OrtOutputs.tensor(result, itemsOutput, "graph"));
        float[] scores = OrtOutputs.floats(OrtOutputs.tensor(result, scoresOutput, "graph"));
        if (items.length != batch * k || scores.length != batch * k) {
            throw new OrtException("graph returned " + items.length + " items and " + scores.length
                    + " scores for " + batch + " rows of top-" + k);
        }
        List<List<RecommendedItem>> answers = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            List<RecommendedItem> ranked = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                int index = (int) items[b * k + j];
                ranked.add(new RecommendedItem(vocabulary.itemAt(index), scores[b * k + j]));
            }
            answers.add(ranked);
        }
        return answers;
    }

    private void warmUp() throws InvalidBundleException {
        // The first run is several times slower than the rest; pay it here, off the stream threads, and use it to
        // prove the graph answers with valid indices before the model serves anything.
        int[] row = new int[Math.min(2, manifest.sequenceLength())];
        for (int i = 0; i < row.length; i++) {
            row[i] = Math.min(i + 1, vocabulary.size());
        }
        try {
            List<RecommendedItem> answer = score(List.<int[]>of(row)).get(0);
            if (answer.size() != manifest.topK()) {
                throw new InvalidBundleException("warm-up returned " + answer.size() + " items, expected "
                        + manifest.topK());
            }
            for (RecommendedItem item : answer) {
                if (Float.isNaN(item.score())) {
                    throw new InvalidBundleException("warm-up returned a NaN score");
                }
            }
        } catch (OrtException e) {
            throw new InvalidBundleException("warm-up inference failed: " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException e) {
            throw new InvalidBundleException("warm-up returned an item index outside the vocabulary: "
                    + e.getMessage(), e);
        }
    }

    private static void checkSignature(ModelManifest manifest, OrtSession session)
            throws OrtException, InvalidBundleException {
        checkTensors("input", manifest.inputs(), session.getInputInfo());
        checkTensors("output", manifest.outputs(), session.getOutputInfo());
        if (session.getInputInfo().size() != manifest.inputs().size()) {
            throw new InvalidBundleException("graph has inputs " + session.getInputNames()
                    + " but the manifest names " + manifest.inputs().stream().map(TensorSpec::name).toList());
        }
    }

    private static void checkTensors(String what, List<TensorSpec> specs, Map<String, NodeInfo> actual)
            throws InvalidBundleException {
        for (TensorSpec spec : specs) {
            NodeInfo node = actual.get(spec.name());
            if (node == null) {
                throw new InvalidBundleException("graph has no " + what + " named " + spec.name()
                        + " (it has " + actual.keySet() + ")");
            }
            if (!(node.getInfo() instanceof TensorInfo info)) {
                throw new InvalidBundleException(what + " " + spec.name() + " is not a plain tensor");
            }
            OnnxJavaType expected = switch (spec.type()) {
                case "INT64" -> OnnxJavaType.INT64;
                case "FLOAT" -> OnnxJavaType.FLOAT;
                default -> throw new InvalidBundleException("unsupported tensor type " + spec.type());
            };
            if (info.type != expected) {
                throw new InvalidBundleException(what + " " + spec.name() + " is " + info.type + ", manifest says "
                        + spec.type());
            }
            long[] shape = info.getShape();
            if (shape.length != spec.shape().size()) {
                throw new InvalidBundleException(what + " " + spec.name() + " has rank " + shape.length
                        + ", manifest says " + spec.shape().size());
            }
            for (int d = 0; d < shape.length; d++) {
                long want = spec.shape().get(d);
                if (want > 0 && shape[d] > 0 && shape[d] != want) {
                    throw new InvalidBundleException(what + " " + spec.name() + " dimension " + d + " is "
                            + shape[d] + ", manifest says " + want);
                }
            }
        }
    }

    private static void requireRole(Optional<TensorSpec> spec, String what, TensorRole role)
            throws InvalidBundleException {
        if (spec.isEmpty()) {
            throw new InvalidBundleException("manifest names no " + what + " with role " + role);
        }
    }

    private static void closeQuietly(OrtSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                log.warn("closing a refused model's session failed", e);
            }
        }
    }

    @Override
    public void close() throws OrtException {
        try {
            if (stepGraph != null) {
                stepGraph.close();
            }
        } finally {
            session.close();
        }
    }
}
