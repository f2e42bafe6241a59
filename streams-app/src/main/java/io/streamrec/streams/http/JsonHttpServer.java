package io.streamrec.streams.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for read-only JSON endpoints. The JDK's built-in server parses each request target into a
 * {@link java.net.URI} before any handler runs and answers a target it cannot parse (a malformed {@code %} escape)
 * with an HTML page of its own; here the handler gets the raw target, so that every answer, errors included, is
 * JSON from the app.
 *
 * <p>It serves what the endpoints need and refuses the rest plainly: GET and HEAD (other methods reach the handler,
 * which refuses them), keep-alive per HTTP/1.1 and 1.0, request bodies skipped by their {@code Content-Length}
 * (chunked ones are refused). Request lines, headers and bodies are bounded; a connection idle for
 * {@link #IDLE_TIMEOUT_MS} is closed. Each open connection holds a thread, up to {@code maxConnections}; beyond that a
 * new connection is answered 503.
 */
final class JsonHttpServer implements AutoCloseable {
    /** One request: its method and raw request target (path and query, still percent-encoded). */
    record Request(String method, String target) {
    }

    /**
     * One answer: status, a body (JSON unless the headers name another {@code Content-Type}) and any further headers
     * (a redirect's Location).
     */
    record Response(int status, byte[] body, Map<String, String> headers) {
    }

    interface Handler {
        /** The answer to {@code request}; must not throw (the server answers 500 if it does). */
        Response handle(Request request);
    }

    private static final Logger log = LoggerFactory.getLogger(JsonHttpServer.class);
    static final int IDLE_TIMEOUT_MS = 30_000;
    static final String CONTENT_TYPE = "Content-Type";
    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final long MAX_BODY_BYTES = 64 * 1024;
    /** How long {@link #close()} lets requests in flight finish. */
    private static final long CLOSE_GRACE_MS = 1_000;

    private final ServerSocket listener;
    private final ThreadPoolExecutor workers;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private JsonHttpServer(ServerSocket listener, int maxConnections) {
        this.listener = listener;
        this.workers = new ThreadPoolExecutor(0, maxConnections, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "streamrec-http");
            t.setDaemon(true);
            return t;
        });
    }

    /** Binds {@code host:port} now (0 picks a free port); requests are served once {@link #start} is called. */
    static JsonHttpServer bind(String host, int port, int maxConnections) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return new JsonHttpServer(listener, maxConnections);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    void start(Handler handler) {
        Thread acceptor = new Thread(() -> accept(handler), "streamrec-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(Handler handler) {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("HTTP accept failed; stopping HTTP", e);
                }
                return;
            }
            Connection connection = new Connection(socket);
            open.add(connection);
            try {
                workers.execute(() -> connection.serve(handler));
            } catch (RejectedExecutionException e) {
                connection.refuse(503, "too many open connections; retry");
            }
        }
    }

    /** Stops accepting, lets requests in flight finish for a moment, and closes every connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        open.stream().filter(c -> !c.busy).forEach(Connection::close);
        workers.shutdown();
        try {
            workers.awaitTermination(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.forEach(Connection::close);
        workers.shutdownNow();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** A request that cannot be served, answered with {@code status} and the connection closed. */
    private static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** A parsed request head and whether the connection stays open after the answer. */
    private record Head(Request request, boolean keepAlive) {
    }

    private final class Connection {
        private final Socket socket;
        /** Between reading a request and finishing its answer: not to be cut off by a graceful close. */
        volatile boolean busy;

        Connection(Socket socket) {
            this.socket = socket;
        }

        void serve(Handler handler) {
            try {
                socket.setSoTimeout(IDLE_TIMEOUT_MS);
                socket.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                boolean keepAlive = true;
                while (keepAlive && !closed) {
                    Head head;
                    try {
                        head = readHead(in);
                    } catch (BadRequest e) {
                        write(out, "GET", error(e.status, e.getMessage()), false);
                        return;
                    }
                    if (head == null) {
                        return;
                    }
                    busy = true;
                    Response response = answer(handler, head.request());
                    keepAlive = head.keepAlive() && !closed;
                    write(out, head.request().method(), response, keepAlive);
                    busy = false;
                }
            } catch (SocketTimeoutException | EOFException e) {
                // idle, or the client went away mid-request: nothing to answer
            } catch (IOException e) {
                if (!closed) {
                    log.debug("HTTP connection from {} failed", socket.getRemoteSocketAddress(), e);
                }
            } finally {
                close();
            }
        }

        void refuse(int status, String message) {
            try {
                socket.setSoTimeout(IDLE_TIMEOUT_MS);
                write(new BufferedOutputStream(socket.getOutputStream()), "GET", error(status, message), false);
            } catch (IOException e) {
                // the client is gone; nothing to tell it
            } finally {
                close();
            }
        }

        void close() {
            open.remove(this);
            closeQuietly(socket);
        }
    }

    private static Response answer(Handler handler, Request request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException e) {
            log.warn("HTTP request {} {} failed", request.method(), request.target(), e);
            return error(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** A JSON error body as the app writes them: {@code {"error":"..."}}. */
    static Response error(int status, String message) {
        StringBuilder json = new StringBuilder("{\"error\":\"");
        for (char c : message.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return new Response(status, json.append("\"}").toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The next request's head, its body skipped; null when the client closed the connection between requests. */
    private static Head readHead(InputStream in) throws IOException, BadRequest {
        String line = readLine(in, MAX_LINE_BYTES, 414);
        // A client may send blank lines between requests (RFC 9112, 2.2).
        while (line != null && line.isEmpty()) {
            line = readLine(in, MAX_LINE_BYTES, 414);
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "malformed request line");
        }
        long contentLength = 0;
        boolean chunked = false;
        String connection = "";
        int headerBytes = 0;
        for (String header = readLine(in, MAX_HEADER_BYTES, 431); ; header = readLine(in, MAX_HEADER_BYTES, 431)) {
            if (header == null) {
                throw new EOFException();
            }
            if (header.isEmpty()) {
                break;
            }
            headerBytes += header.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new BadRequest(431, "request headers over " + MAX_HEADER_BYTES + " bytes");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "malformed header line");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = contentLength(value);
                case "transfer-encoding" -> chunked = true;
                case "connection" -> connection = value.toLowerCase(Locale.ROOT);
                default -> {
                }
            }
        }
        if (chunked) {
            throw new BadRequest(411, "request bodies must come with a Content-Length");
        }
        if (contentLength > MAX_BODY_BYTES) {
            throw new BadRequest(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        in.skipNBytes(contentLength);
        boolean http11 = parts[2].equals("HTTP/1.1");
        boolean keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        return new Head(new Request(parts[0], parts[1]), keepAlive);
    }

    private static long contentLength(String value) throws BadRequest {
        try {
            long length = Long.parseLong(value);
            if (length >= 0) {
                return length;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(400, "malformed Content-Length");
    }

    /**
     * One CRLF- (or LF-) terminated line as ISO-8859-1, without its terminator; null at end of stream before any
     * byte of it. A line over {@code max} bytes is refused with {@code status}.
     */
    private static String readLine(InputStream in, int max, int status) throws IOException, BadRequest {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int b = in.read(); ; b = in.read()) {
            if (b == -1) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException();
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= max) {
                throw new BadRequest(status, "request line or header over " + max + " bytes");
            }
            line.write(b);
        }
    }

    private static void write(OutputStream out, String method, Response response, boolean keepAlive)
            throws IOException {
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status()))
                .append("\r\nContent-Length: ").append(response.body().length).append("\r\n");
        if (!response.headers().containsKey(CONTENT_TYPE)) {
            head.append(CONTENT_TYPE).append(": application/json\r\n");
        }
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!"HEAD".equals(method)) {
            out.write(response.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 307 -> "Temporary Redirect";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }
}
