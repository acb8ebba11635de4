package io.jobline.report

/**
 * One recording ({@link io.jobline.record.Recording#toMap()}) as the template shows it: the stage rows, the errors
 * grouped by message, the graph; and as the page's script draws it ({@link #chartData}).
 */
final class RunView {

    /** Items listed per error group; the count says how many there were. */
    static final int ITEMS_PER_GROUP = 20

    private RunView() {
    }

    static Map<String, Object> of(Map<String, Object> run) {
        Map<String, Object> view = new LinkedHashMap<>(run)
        view.stages = stageRows(run)
        view.errorGroups = errorGroups((run.errorList ?: []) as List<Map<String, Object>>)
        view.graphStages = ((run.graph ?: [:]) as Map).stages ?: []
        view.rate = (run.elapsedSeconds ?: 0) > 0 ? (run.out ?: 0) / (run.elapsedSeconds as double) : 0d
        view.bottleneck = bottleneck(view.stages as List<Map<String, Object>>)
        view
    }

    /** The per-stage table: the final counters of each part, with the run's own stage stats when it has them. */
    private static List<Map<String, Object>> stageRows(Map<String, Object> run) {
        Map<String, Map> detail = [:]
        (((run.detail ?: [:]) as Map).stages ?: []).each { Map stage -> detail[stage.name as String] = stage }
        Map<String, Object> samples = (run.samples ?: [:]) as Map
        Map<String, Map> perPart = (samples.parts ?: [:]) as Map
        (run.parts ?: []).collect { Map part ->
            Map<String, Object> row = new LinkedHashMap<>(part)
            Map stats = detail[part.name as String] ?: [:]
            row.backend = stats.backend ?: 'thread'
            row.dropped = stats.dropped
            row.rate = stats.rate
            List busy = (perPart[part.name as String]?.busy ?: []) as List
            List size = (perPart[part.name as String]?.size ?: []) as List
            double used = 0
            int n = 0
            busy.eachWithIndex { b, i ->
                int threads = (size[i] ?: 0) as int
                if (threads > 0) {
                    used += (b as double) / threads
                    n++
                }
            }
            row.utilisation = n > 0 ? used / n : null
            row
        }
    }

    /** @return the stage whose workers were busiest on average (the likely bottleneck), or null */
    private static String bottleneck(List<Map<String, Object>> stages) {
        Map busiest = stages.findAll { it.utilisation != null }.max { it.utilisation as double }
        busiest != null && (busiest.utilisation as double) > 0.5 ? busiest.name as String : null
    }

    private static List<Map<String, Object>> errorGroups(List<Map<String, Object>> errors) {
        Map<String, Map<String, Object>> groups = new LinkedHashMap<>()
        errors.each { Map error ->
            String key = "${error.exception}: ${error.message}"
            Map<String, Object> group = groups.computeIfAbsent(key) {
                [exception: error.exception, message: error.message, count: 0, parts: new LinkedHashSet<String>(),
                 items: [], trace: error.trace]
            }
            group.count = (group.count as int) + 1
            (group.parts as Set) << (error.part as String)
            if ((group.items as List).size() < ITEMS_PER_GROUP) {
                (group.items as List) << [item: error.item, part: error.part]
            }
        }
        groups.values().sort { -(it.count as int) }
    }

    /** @return what the page's script needs: samples, lanes, items, elapsed; no text it shows unescaped */
    static Map<String, Object> chartData(Map<String, Object> run) {
        [id     : run.id, kind: run.kind, name: run.name, elapsed: run.elapsedSeconds,
         samples: run.samples, lanes: run.lanes, items: run.items, stages: (run.parts ?: []).collect { it.name }]
    }
}
