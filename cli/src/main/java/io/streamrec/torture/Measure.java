package io.streamrec.torture;

/**
 * One row of the result table.
 *
 * @param bar  what the value must be, or "-" for a figure reported for information
 * @param pass null for information rows, which neither pass nor fail
 */
public record Measure(String scenario, String measure, String value, String bar, Boolean pass) {

    public static Measure info(String scenario, String measure, String value) {
        return new Measure(scenario, measure, value, "-", null);
    }

    public static Measure checked(String scenario, String measure, String value, String bar, boolean pass) {
        return new Measure(scenario, measure, value, bar, pass);
    }

    public boolean failed() {
        return Boolean.FALSE.equals(pass);
    }

    public String verdict() {
        return pass == null ? "" : pass ? "pass" : "FAIL";
    }
}
