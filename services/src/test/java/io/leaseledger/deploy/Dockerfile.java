package io.leaseledger.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The repository's Dockerfile as a list of instructions: comments dropped, continuation lines joined. */
record Dockerfile(List<String> instructions) {

    static Dockerfile load() throws IOException {
        return parse(Files.readString(ComposeFile.REPOSITORY.resolve("Dockerfile")));
    }

    static Dockerfile parse(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.isEmpty() && current.isEmpty()) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            out.add(current.toString().replaceAll("\\s+", " ").strip());
            current.setLength(0);
        }
        return new Dockerfile(List.copyOf(out));
    }

    /** The arguments of every instruction with this keyword, in order. */
    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.startsWith(keyword + " ")).map(i -> i.substring(keyword.length() + 1)).toList();
    }

    /** A RUN of the last stage creates the directory and gives it to the image's user. */
    boolean ownedByTheUser(String directory) {
        List<String> users = all("USER");
        if (users.isEmpty()) {
            return false;
        }
        String user = users.getLast();
        Pattern mkdir = Pattern.compile("mkdir -p [^&]*" + Pattern.quote(directory) + "(\\s|$)");
        Pattern chown = Pattern.compile("chown " + Pattern.quote(user) + ":\\S+ [^&]*" + Pattern.quote(directory) + "(\\s|$)");
        return all("RUN").stream().anyMatch(run -> mkdir.matcher(run).find() && chown.matcher(run).find());
    }
}
