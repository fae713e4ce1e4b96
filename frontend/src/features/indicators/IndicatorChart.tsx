import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { IndicatorSeries } from "../../api/queries/indicators";
import { useI18n } from "../../i18n";
import { formatValue, niceTicks } from "./format";
import own from "./indicators.module.css";

// Told apart by line style and label as well as colour; each colour has at least 4.5:1 on white.
const LINE = "#1f4e8c";
const BASELINE = "#5c5c5c";
const TARGET = "#0b6b3a";

const dayOf = (date: string) => Date.parse(`${date}T12:00:00Z`);

/**
 * The measurements over time with the baseline and the target (value and date) as reference
 * lines. Recharts' accessibility layer lets the keyboard step through the points (arrow keys);
 * the summary and the data table beside it say the same in words.
 */
export function IndicatorChart({ series, summaryId }: { series: IndicatorSeries; summaryId: string }) {
  const { t, locale, formatDate } = useI18n();
  const { indicator, points } = series;
  const data = points.map((p) => ({ day: dayOf(p.measured_on), value: p.value, date: p.measured_on }));
  const days = [
    ...data.map((d) => d.day),
    ...(indicator.target_on ? [dayOf(indicator.target_on)] : []),
    ...(indicator.baseline_on ? [dayOf(indicator.baseline_on)] : []),
  ];
  const values = [
    ...points.map((p) => p.value),
    ...(indicator.baseline_value ?? null) !== null ? [indicator.baseline_value as number] : [],
    ...(indicator.target_value ?? null) !== null ? [indicator.target_value as number] : [],
  ];
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const number = (v: number) => formatValue(v, locale);
  return (
    <div className={own.chart}>
      <LineChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={data}
        margin={{ top: 24, right: 24, bottom: 8, left: 8 }}
        accessibilityLayer
        title={t("indicators.chart.title", { name: indicator.name })}
        aria-label={t("indicators.chart.title", { name: indicator.name })}
        aria-describedby={summaryId}
      >
        <CartesianGrid stroke="#d9d9d9" strokeDasharray="2 4" />
        <XAxis
          dataKey="day"
          type="number"
          scale="time"
          domain={[Math.min(...days) - 30 * 864e5, Math.max(...days) + 30 * 864e5]}
          tickFormatter={(day: number) => formatDate(new Date(day).toISOString().slice(0, 10))}
          tick={{ fill: "#333" }}
          minTickGap={24}
        />
        <YAxis
          domain={[ticks[0], ticks[ticks.length - 1]]}
          ticks={ticks}
          tickFormatter={number}
          tick={{ fill: "#333" }}
          width={56}
          allowDecimals
        />
        <Tooltip
          labelFormatter={(day) => formatDate(new Date(Number(day)).toISOString().slice(0, 10))}
          formatter={(value) => [formatValue(Number(value), locale, indicator.unit), t("indicators.chart.value")]}
        />
        {indicator.baseline_value !== null && indicator.baseline_value !== undefined && (
          <ReferenceLine
            y={indicator.baseline_value}
            stroke={BASELINE}
            strokeDasharray="6 4"
            strokeWidth={2}
            label={{
              value: t("indicators.chart.baseline", { value: number(indicator.baseline_value) }),
              position: "insideTopRight",
              fill: BASELINE,
            }}
          />
        )}
        {indicator.target_value !== null && indicator.target_value !== undefined && (
          <ReferenceLine
            y={indicator.target_value}
            stroke={TARGET}
            strokeDasharray="12 3 2 3"
            strokeWidth={2}
            label={{
              value: t("indicators.chart.target", { value: number(indicator.target_value) }),
              position: "insideBottomLeft",
              fill: TARGET,
            }}
          />
        )}
        {indicator.target_on && (
          <ReferenceLine
            x={dayOf(indicator.target_on)}
            stroke={TARGET}
            strokeDasharray="2 3"
            label={{
              value: t("indicators.chart.targetOn", { date: formatDate(indicator.target_on) }),
              position: "insideTopRight",
              fill: TARGET,
            }}
          />
        )}
        <Line
          type="linear"
          dataKey="value"
          name={t("indicators.chart.value")}
          stroke={LINE}
          strokeWidth={3}
          dot={{ r: 5, fill: LINE }}
          activeDot={{ r: 7 }}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
