//! The fishbone (Ishikawa, 鱼骨图) chart of a review: the effect in the fish's head on the right,
//! a spine leading to it, and six bones — people, method, market above; product, resources,
//! external below — each listing its root causes along short ribs, coloured by whether the
//! cause is controllable. Long texts are cut with "…" to stay between their bones.

mod model;

pub use model::{Fishbone, FishboneCause, FISHBONE_CATEGORIES};

use super::labels::{cause_count, labels, more_causes};
use super::ruler::Ruler;
use super::{Draw, DrawResult, Hit, Hits, Style};
use crate::error::Code;
use crate::error::{Error, Lang, Result};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

// Layout in CSS pixels of the 960×540 chart.
const MARGIN: f64 = 20.0;
const SPINE_Y: f64 = 292.0;
const HEAD_X0: f64 = 780.0;
const HEAD_X1: f64 = 940.0;
const HEAD_HALF: f64 = 54.0;
/// Where each column's bones meet the spine; the columns are `SPACING` apart.
const JOINT_X: [f64; 3] = [296.0, 528.0, 760.0];
const SPACING: f64 = 232.0;
/// How far left a bone's outer end sits from its joint.
const SLANT: f64 = 64.0;
/// The category boxes: above the top bones and below the bottom ones.
const LABEL_H: f64 = 28.0;
const LABEL_TOP_Y: f64 = 62.0;
const LABEL_BOTTOM_Y: f64 = 494.0;
/// The rib from a cause's text to its bone.
const RIB: f64 = 18.0;
const CAUSE_SIZE: f64 = 12.0;
/// At most this many rows on a bone; with more causes the last row says how many are left.
const MAX_ROWS: usize = 6;

const SPINE: RGBColor = RGBColor(51, 65, 85);
const BONE: RGBColor = RGBColor(120, 134, 156);
const HEAD_FILL: RGBColor = RGBColor(239, 246, 255);
const HEAD_LINE: RGBColor = RGBColor(37, 99, 235);
const INK: RGBColor = RGBColor(30, 41, 59);
const MUTED: RGBColor = RGBColor(120, 120, 120);
const CONTROLLABLE: RGBColor = RGBColor(22, 140, 90);
const CONTROLLABLE_TEXT: RGBColor = RGBColor(18, 100, 66);
const NOT_CONTROLLABLE: RGBColor = RGBColor(230, 110, 20);
const NOT_CONTROLLABLE_TEXT: RGBColor = RGBColor(168, 70, 8);

/// The chart with its causes grouped by bone and a ruler for its texts.
pub(crate) struct FishboneChart<'a> {
    data: &'a Fishbone,
    bones: [Vec<&'a FishboneCause>; 6],
    ruler: Ruler,
}

impl<'a> FishboneChart<'a> {
    /// Groups the causes by category; an unknown category is an error naming the cause.
    pub fn new(data: &'a Fishbone) -> Result<FishboneChart<'a>> {
        let mut bones: [Vec<&FishboneCause>; 6] = Default::default();
        for cause in &data.causes {
            let Some(i) = FISHBONE_CATEGORIES
                .iter()
                .position(|c| *c == cause.category)
            else {
                return Err(Error::new(
                    Code::BadFishboneCategory,
                    format!(
                        "原因“{}”的鱼骨图类别“{}”无效：应为 {}",
                        cause.text,
                        cause.category,
                        FISHBONE_CATEGORIES.join("、")
                    ),
                    format!(
                        "Cause \"{}\" has an invalid fishbone category \"{}\": expected one of {}",
                        cause.text,
                        cause.category,
                        FISHBONE_CATEGORIES.join(", ")
                    ),
                ));
            };
            bones[i].push(cause);
        }
        Ok(FishboneChart {
            data,
            bones,
            ruler: Ruler::new()?,
        })
    }
}

/// Where the fishbone draws: the drawing area, its scale and the ruler of its texts.
struct Canvas<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    st: Style,
    ruler: &'a Ruler,
}

impl<DB: DrawingBackend> Canvas<'_, DB>
where
    DB::ErrorType: 'static,
{
    /// Draws one line of text centred vertically on `at` (CSS pixels), anchored by `h` (see
    /// [`Ruler::draw_text`]).
    fn text(&self, text: &str, at: (f64, f64), size: f64, color: &RGBColor, h: HPos) -> DrawResult {
        self.ruler
            .draw_text(self.root, self.st, text, at, size, color, h)
    }
}

/// One line beside a bone: a cause (with whether it is controllable) or the "more" line.
struct Row {
    text: String,
    controllable: Option<bool>,
}

/// A text on one line: line breaks and runs of spaces become one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(causes: &[&FishboneCause], lang: Lang) -> Vec<Row> {
    let shown = if causes.len() > MAX_ROWS {
        MAX_ROWS - 1
    } else {
        causes.len()
    };
    let mut rows: Vec<Row> = causes[..shown]
        .iter()
        .map(|c| Row {
            text: match one_line(&c.text) {
                t if t.is_empty() => "—".to_string(),
                t => t,
            },
            controllable: Some(c.controllable),
        })
        .collect();
    if shown < causes.len() {
        rows.push(Row {
            text: more_causes(lang, causes.len() - shown),
            controllable: None,
        });
    }
    rows
}

impl Draw for FishboneChart<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        st: Style,
        hits: &mut Hits,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let ruler = &self.ruler;
        let canvas = Canvas { root, st, ruler };
        root.fill(&WHITE)?;
        canvas.legend_and_title(&self.data.title)?;
        canvas.spine_and_head(&self.data.effect)?;
        for (i, causes) in self.bones.iter().enumerate() {
            canvas.bone(i, causes, hits)?;
        }
        if self.data.causes.is_empty() {
            canvas.no_causes()?;
        }
        Ok(())
    }
}

/// Where a bone sits: its column, above or below the spine, its category box and where it
/// meets the box (its outer end) and the spine (its joint).
struct BonePlace {
    col: usize,
    above: bool,
    joint_x: f64,
    outer_x: f64,
    outer_y: f64,
    box_y: (f64, f64),
}

impl BonePlace {
    fn of(i: usize) -> BonePlace {
        let col = i % 3;
        let above = i < 3;
        let joint_x = JOINT_X[col];
        let box_y = if above {
            (LABEL_TOP_Y, LABEL_TOP_Y + LABEL_H)
        } else {
            (LABEL_BOTTOM_Y, LABEL_BOTTOM_Y + LABEL_H)
        };
        BonePlace {
            col,
            above,
            joint_x,
            outer_x: joint_x - SLANT,
            outer_y: if above { box_y.1 } else { box_y.0 },
            box_y,
        }
    }
}

impl<DB: DrawingBackend> Canvas<'_, DB>
where
    DB::ErrorType: 'static,
{
    /// A point in CSS pixels as a backend point.
    fn p(&self, x: f64, y: f64) -> (i32, i32) {
        (self.st.px(x), self.st.px(y))
    }

    /// The legend at the top right, the title left of it.
    fn legend_and_title(&self, title: &str) -> DrawResult {
        let (root, st, ruler) = (self.root, self.st, self.ruler);
        let l = labels(st.lang);
        let legend_size = 13.0;
        let mut x = HEAD_X1;
        for (text, color) in [
            (l.not_controllable, NOT_CONTROLLABLE),
            (l.controllable, CONTROLLABLE),
        ] {
            self.text(text, (x, 28.0), legend_size, &INK, HPos::Right)?;
            x -= ruler.width(text, legend_size) + 8.0;
            root.draw(&Rectangle::new(
                [self.p(x - 14.0, 26.0), self.p(x, 30.0)],
                color.filled(),
            ))?;
            root.draw(&Circle::new(
                self.p(x - 7.0, 28.0),
                st.w(4.0),
                color.filled(),
            ))?;
            x -= 14.0 + 18.0;
        }
        let title_size = 20.0;
        self.text(
            &ruler.fit(&one_line(title), title_size, x - 16.0 - MARGIN),
            (MARGIN + 4.0, 28.0),
            title_size,
            &INK,
            HPos::Left,
        )
    }

    /// The spine, its arrow, a forked tail at its start and the head with the effect.
    fn spine_and_head(&self, effect: &str) -> DrawResult {
        let (root, st, ruler) = (self.root, self.st, self.ruler);
        let p = |x: f64, y: f64| self.p(x, y);
        root.draw(&PathElement::new(
            vec![p(MARGIN, SPINE_Y), p(HEAD_X0 - 12.0, SPINE_Y)],
            SPINE.stroke_width(st.w(4.0)),
        ))?;
        root.draw(&Polygon::new(
            vec![
                p(HEAD_X0 - 16.0, SPINE_Y - 9.0),
                p(HEAD_X0, SPINE_Y),
                p(HEAD_X0 - 16.0, SPINE_Y + 9.0),
            ],
            SPINE.filled(),
        ))?;
        for dy in [-16.0, 16.0] {
            root.draw(&PathElement::new(
                vec![p(MARGIN, SPINE_Y), p(MARGIN - 8.0, SPINE_Y + dy)],
                SPINE.stroke_width(st.w(3.0)),
            ))?;
        }
        let head = [
            p(HEAD_X0, SPINE_Y - HEAD_HALF),
            p(HEAD_X1, SPINE_Y + HEAD_HALF),
        ];
        root.draw(&Rectangle::new(head, HEAD_FILL.filled()))?;
        root.draw(&Rectangle::new(head, HEAD_LINE.stroke_width(st.w(2.0))))?;
        let effect_size = 17.0;
        let line_h = 23.0;
        let lines = ruler.wrap(&one_line(effect), effect_size, HEAD_X1 - HEAD_X0 - 20.0, 3);
        let top = SPINE_Y - line_h * (lines.len() as f64 - 1.0) / 2.0;
        for (i, line) in lines.into_iter().enumerate() {
            self.text(
                &line,
                ((HEAD_X0 + HEAD_X1) / 2.0, top + line_h * i as f64),
                effect_size,
                &INK,
                HPos::Center,
            )?;
        }
        Ok(())
    }

    /// Bone `i` (in the order of [`FISHBONE_CATEGORIES`]): the bone, its category box with the
    /// count, its causes, and its clickable region.
    fn bone(&self, i: usize, causes: &[&FishboneCause], hits: &mut Hits) -> DrawResult {
        let (root, st, ruler) = (self.root, self.st, self.ruler);
        let at = BonePlace::of(i);
        let (box_y0, box_y1) = at.box_y;
        root.draw(&PathElement::new(
            vec![self.p(at.outer_x, at.outer_y), self.p(at.joint_x, SPINE_Y)],
            BONE.stroke_width(st.w(2.5)),
        ))?;
        let name = labels(st.lang).fishbone_categories[i];
        let heading = match st.lang {
            Lang::Zh => format!("{name}（{}）", causes.len()),
            Lang::En => format!("{name} ({})", causes.len()),
        };
        let heading_size = 14.0;
        // A fifth more than measured: a web view may set the SVG's text in a wider face.
        let half = (ruler.width(&heading, heading_size) * 1.2 / 2.0 + 16.0).max(48.0);
        root.draw(&Rectangle::new(
            [
                self.p(at.outer_x - half, box_y0),
                self.p(at.outer_x + half, box_y1),
            ],
            SPINE.filled(),
        ))?;
        self.text(
            &heading,
            (at.outer_x, (box_y0 + box_y1) / 2.0),
            heading_size,
            &WHITE,
            HPos::Center,
        )?;
        self.causes(&at, causes)?;

        // The bone's region: its column, from the category box to the spine. Columns meet
        // between the bones so the regions tile the fish's body.
        let x0 = if at.col == 0 {
            MARGIN - 8.0
        } else {
            JOINT_X[at.col - 1] - SLANT / 2.0
        };
        let x1 = if at.col == 2 {
            HEAD_X0 - 20.0
        } else {
            at.joint_x - SLANT / 2.0
        };
        let (y0, y1) = if at.above {
            (box_y0, SPINE_Y)
        } else {
            (SPINE_Y, box_y1)
        };
        hits.add(
            self.p(x0, y0),
            self.p(x1, y1),
            Hit::to(
                format!("{name} · {}", cause_count(st.lang, causes.len())),
                None,
                None,
                None,
            )
            // Every cause whole, also those cut short or left out on the bone.
            .with_tip(
                causes
                    .iter()
                    .map(|c| super::tips::line(name, c.text.clone(), None))
                    .collect(),
            ),
        );
        Ok(())
    }

    /// A bone's causes, evenly along it and read from top to bottom on both sides of the
    /// spine, each on a rib coloured by whether it is controllable; the "more" line plain.
    fn causes(&self, at: &BonePlace, causes: &[&FishboneCause]) -> DrawResult {
        let (root, st, ruler) = (self.root, self.st, self.ruler);
        let rows = rows(causes, st.lang);
        let slots = rows.len() as f64 + 1.0;
        for (j, row) in rows.into_iter().enumerate() {
            let along = (j as f64 + 1.0) / slots;
            let u = if at.above { along } else { 1.0 - along };
            let y = at.outer_y + u * (SPINE_Y - at.outer_y);
            let bone_x = at.outer_x + u * SLANT;
            let rib_x = bone_x - RIB;
            let text_x = rib_x - 6.0;
            // Clear of the bone on the left (or of the chart's edge).
            let left = if at.col == 0 {
                MARGIN - 4.0
            } else {
                bone_x - SPACING + 14.0
            };
            let (color, text_color) = match row.controllable {
                Some(true) => (CONTROLLABLE, CONTROLLABLE_TEXT),
                Some(false) => (NOT_CONTROLLABLE, NOT_CONTROLLABLE_TEXT),
                None => (BONE, MUTED),
            };
            if row.controllable.is_some() {
                root.draw(&PathElement::new(
                    vec![self.p(rib_x, y), self.p(bone_x, y)],
                    color.stroke_width(st.w(2.0)),
                ))?;
                root.draw(&Circle::new(self.p(rib_x, y), st.w(3.5), color.filled()))?;
            }
            self.text(
                &ruler.fit(&row.text, CAUSE_SIZE, text_x - left),
                (text_x, y),
                CAUSE_SIZE,
                &text_color,
                HPos::Right,
            )?;
        }
        Ok(())
    }

    /// "No causes yet" in a pill on the spine.
    fn no_causes(&self) -> DrawResult {
        let (root, st, ruler) = (self.root, self.st, self.ruler);
        let l = labels(st.lang);
        let size = 14.0;
        let cx = (JOINT_X[0] + JOINT_X[1]) / 2.0 - SLANT / 4.0;
        let half = ruler.width(l.no_causes, size) / 2.0 + 14.0;
        let pill = [
            self.p(cx - half, SPINE_Y - 15.0),
            self.p(cx + half, SPINE_Y + 15.0),
        ];
        root.draw(&Rectangle::new(pill, WHITE.filled()))?;
        root.draw(&Rectangle::new(pill, BONE.stroke_width(st.w(1.0))))?;
        self.text(l.no_causes, (cx, SPINE_Y), size, &MUTED, HPos::Center)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::labels::fishbone_category;
    use crate::chart::tests::decode;
    use crate::chart::{draw_chart, ChartData, Format, Size, HEIGHT, PNG_SCALE, WIDTH};

    fn cause(category: &str, text: &str, controllable: bool) -> FishboneCause {
        FishboneCause {
            category: category.to_string(),
            text: text.to_string(),
            controllable,
        }
    }

    /// 华东's 2026-Q3 review, in both languages.
    fn review(lang: Lang) -> Fishbone {
        let zh = lang == Lang::Zh;
        let c = |cat: &str, z: &str, e: &str, ctl: bool| cause(cat, if zh { z } else { e }, ctl);
        Fishbone {
            title: if zh {
                "华东 · 2026-Q3 复盘"
            } else {
                "East China · 2026-Q3 review"
            }
            .to_string(),
            effect: if zh {
                "营收达成 86.40%"
            } else {
                "Revenue achievement 86.40%"
            }
            .to_string(),
            causes: vec![
                c(
                    "market",
                    "竞品降价抢单",
                    "Competitor price cuts won deals",
                    false,
                ),
                c("people", "新人培训不足", "New hires under-trained", true),
                c("method", "报价审批慢", "Slow quote approval", true),
                c(
                    "people",
                    "两名骨干销售离职，客户交接不完整导致续约延迟",
                    "Two senior reps left; incomplete handover delayed renewals",
                    true,
                ),
                c(
                    "market",
                    "行业需求整体下滑",
                    "Industry demand fell overall",
                    false,
                ),
                c(
                    "product",
                    "新品交付延期两周",
                    "New product shipped two weeks late",
                    true,
                ),
                c(
                    "resources",
                    "市场费用到位晚",
                    "Marketing budget arrived late",
                    true,
                ),
                c(
                    "external",
                    "台风影响物流",
                    "Typhoon disrupted logistics",
                    false,
                ),
                c("external", "地方政策调整", "Local policy changes", false),
                c("method", "线索分配不均", "Uneven lead distribution", true),
                c("method", "拜访频次不足", "Too few customer visits", true),
                c("method", "CRM 数据录入滞后", "CRM data entered late", true),
                c("method", "大客户缺少专人跟进", "No key-account owner", true),
                c(
                    "method",
                    "促销政策解释不清",
                    "Promotion terms unclear to customers",
                    true,
                ),
                c(
                    "method",
                    "合同模板反复修改",
                    "Contract template reworked repeatedly",
                    true,
                ),
                c("method", "回款跟进不及时", "Late payment follow-up", true),
            ],
        }
    }

    /// The texts of an SVG, in drawing order.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("</text>")
            .filter_map(|part| part.rsplit_once('>').map(|(_, t)| t.trim().to_string()))
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn svg(data: &Fishbone, lang: Lang) -> (String, Vec<Hit>) {
        let (bytes, hits) =
            draw_chart(ChartData::Fishbone(data), lang, Format::Svg, Size::DEFAULT).unwrap();
        (String::from_utf8(bytes).unwrap(), hits)
    }

    /// Dark pixels (text, not the blue frame) inside a CSS-pixel rectangle of a chart PNG.
    fn ink_in(png: &[u8], x0: f64, y0: f64, x1: f64, y1: f64) -> usize {
        let (w, _, rgb) = decode(png);
        let px = |v: f64| (v * PNG_SCALE as f64) as u32;
        (px(y0)..px(y1))
            .flat_map(|y| (px(x0)..px(x1)).map(move |x| ((y * w + x) * 3) as usize))
            .filter(|&i| rgb[i] < 128 && rgb[i + 1] < 128 && rgb[i + 2] < 128)
            .count()
    }

    #[test]
    fn png_is_drawn_at_twice_the_size_with_the_effect_in_the_head() {
        for (lang, name) in [(Lang::Zh, "fishbone-zh.png"), (Lang::En, "fishbone-en.png")] {
            let data = review(lang);
            let (png, hits) = draw_chart(
                ChartData::Fishbone(&data),
                lang,
                Format::Png,
                crate::chart::Size::DEFAULT,
            )
            .unwrap();
            let (w, h, _) = decode(&png);
            assert_eq!((w, h), (WIDTH * PNG_SCALE, HEIGHT * PNG_SCALE));
            assert_eq!((WIDTH, HEIGHT), (960, 540));
            // The same regions as on screen, in CSS pixels.
            assert_eq!(hits, svg(&data, lang).1);
            // Inside the head's frame: the effect's text, and nothing once the effect is empty.
            let head = |png: &[u8]| {
                ink_in(
                    png,
                    HEAD_X0 + 4.0,
                    SPINE_Y - HEAD_HALF + 4.0,
                    HEAD_X1 - 4.0,
                    SPINE_Y + HEAD_HALF - 4.0,
                )
            };
            assert!(head(&png) > 400, "{lang:?}: {}", head(&png));
            let blank = Fishbone {
                effect: String::new(),
                ..data
            };
            let (png_blank, _) = draw_chart(
                ChartData::Fishbone(&blank),
                lang,
                Format::Png,
                crate::chart::Size::DEFAULT,
            )
            .unwrap();
            assert_eq!(head(&png_blank), 0);
            std::fs::write(std::env::temp_dir().join(name), png).unwrap();
        }
    }

    #[test]
    fn svg_names_every_category_and_cause_in_both_languages() {
        let names = |lang| FISHBONE_CATEGORIES.map(|c| fishbone_category(lang, c).unwrap());
        assert_eq!(
            names(Lang::Zh),
            ["人员", "方法", "市场", "产品", "资源", "外部环境"]
        );
        assert_eq!(
            names(Lang::En),
            [
                "People",
                "Method",
                "Market",
                "Product",
                "Resources",
                "External"
            ]
        );
        assert_eq!(fishbone_category(Lang::Zh, "machine"), None);
        let (zh, _) = svg(&review(Lang::Zh), Lang::Zh);
        for text in [
            "华东 · 2026-Q3 复盘",
            "营收达成 86.40%",
            "人员（2）",
            "方法（8）",
            "市场（2）",
            "产品（1）",
            "资源（1）",
            "外部环境（2）",
            "竞品降价抢单",
            "新人培训不足",
            "报价审批慢",
            "台风影响物流",
            "大客户缺少专人跟进",
            "可控",
            "不可控",
            // Method has 8 causes: 5 rows and the rest counted.
            "另有 3 条",
        ] {
            assert!(texts(&zh).contains(&text.to_string()), "{text}");
        }
        // The causes past the fifth row of a full bone are counted, not shown.
        for hidden in ["促销政策解释不清", "合同模板反复修改", "回款跟进不及时"]
        {
            assert!(!zh.contains(hidden), "{hidden}");
        }
        assert!(!zh.contains(labels(Lang::Zh).no_causes));
        let (en, _) = svg(&review(Lang::En), Lang::En);
        for text in [
            "East China · 2026-Q3 review",
            "People (2)",
            "Method (8)",
            "Market (2)",
            "Product (1)",
            "Resources (1)",
            "External (2)",
            "Competitor price cuts won deals",
            "New hires under-trained",
            "Slow quote approval",
            "Controllable",
            "Not controllable",
            "+3 more",
        ] {
            assert!(texts(&en).contains(&text.to_string()), "{text}");
        }
        // The effect wraps in the head: "Revenue achievement" is wider than the head.
        let en_texts = texts(&en);
        let head = en_texts.iter().position(|t| t == "Revenue").unwrap();
        assert_eq!(en_texts[head + 1], "achievement");
        assert_eq!(en_texts[head + 2], "86.40%");
        // Uncontrollable causes are drawn in their own colour, different from controllable ones.
        let color = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        assert!(zh.contains(&color(CONTROLLABLE)) && zh.contains(&color(NOT_CONTROLLABLE)));
        assert_ne!(color(CONTROLLABLE), color(NOT_CONTROLLABLE));
    }

    #[test]
    fn a_bone_shows_six_causes_but_counts_the_rest_past_five() {
        let bone = |n: usize| Fishbone {
            title: "T".into(),
            effect: "E".into(),
            causes: (1..=n)
                .map(|i| cause("resources", &format!("原因{i}号"), i % 2 == 0))
                .collect(),
        };
        let (six, _) = svg(&bone(6), Lang::Zh);
        assert!((1..=6).all(|i| texts(&six).contains(&format!("原因{i}号"))));
        assert!(!six.contains("另有"));
        let (seven, hits) = svg(&bone(7), Lang::En);
        assert!((1..=5).all(|i| texts(&seven).contains(&format!("原因{i}号"))));
        assert!(!seven.contains("原因6号") && !seven.contains("原因7号"));
        assert!(texts(&seven).contains(&"+2 more".to_string()));
        assert_eq!(hits[4].label, "Resources · 7 causes");
        assert_eq!(hits[3].label, "Product · 0 causes");
    }

    #[test]
    fn long_causes_are_cut_with_an_ellipsis_to_stay_between_the_bones() {
        let long = "报价审批流程需经过区域经理、财务和法务三级签字，平均耗时五个工作日";
        let mut data = review(Lang::Zh);
        data.causes = vec![cause("method", long, true)];
        let (svg, hits) = svg(&data, Lang::Zh);
        assert!(!svg.contains(long));
        // The bone's tooltip holds the cause whole.
        assert_eq!(hits[1].tip.len(), 1);
        assert_eq!(
            (hits[1].tip[0].label.as_str(), hits[1].tip[0].value.as_str()),
            ("方法", long)
        );
        // The cut text: the longest start of the cause that fits between the bones, then "…".
        let shown = texts(&svg)
            .into_iter()
            .find(|t| t.starts_with("报价审批"))
            .unwrap();
        let shown = shown.as_str();
        assert!(shown.ends_with('…'), "{shown}");
        let kept = shown.trim_end_matches('…');
        assert!(
            long.starts_with(kept) && kept.chars().count() >= 8,
            "{shown}"
        );
        let ruler = Ruler::new().unwrap();
        let room = SPACING - RIB - 6.0 - 14.0;
        assert!(ruler.width(shown, CAUSE_SIZE) <= room);
        let one_more: String = long.chars().take(kept.chars().count() + 1).collect();
        assert!(ruler.width(&format!("{one_more}…"), CAUSE_SIZE) > room);
        // A text that fits is left whole; a Latin word is not cut in two when a space is near.
        assert_eq!(ruler.fit("报价审批慢", CAUSE_SIZE, room), "报价审批慢");
        let cut = ruler.fit("Two senior reps left before renewals", CAUSE_SIZE, 150.0);
        assert_eq!(cut, "Two senior reps left…");
        assert_eq!(ruler.fit("Anything", CAUSE_SIZE, 1.0), "…");
    }

    #[test]
    fn one_region_per_bone_names_its_category_and_count() {
        let (_, hits) = svg(&review(Lang::Zh), Lang::Zh);
        let labels: Vec<&str> = hits.iter().map(|h| h.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "人员 · 2 条原因",
                "方法 · 8 条原因",
                "市场 · 2 条原因",
                "产品 · 1 条原因",
                "资源 · 1 条原因",
                "外部环境 · 2 条原因",
            ]
        );
        let inside = |h: &Hit| {
            h.x >= 0 && h.y >= 0 && h.x + h.w <= WIDTH as i32 && h.y + h.h <= HEIGHT as i32
        };
        assert!(hits.iter().all(inside));
        // The regions tile the fish's body: neighbours touch and none overlap.
        for (i, a) in hits.iter().enumerate() {
            for b in &hits[i + 1..] {
                let apart =
                    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
                assert!(apart, "{a:?} {b:?}");
            }
        }
        assert_eq!(hits[0].x + hits[0].w, hits[1].x);
        assert_eq!(hits[0].y + hits[0].h, hits[3].y);
        assert!(hits.iter().all(|h| h.node.is_none() && h.period.is_none()));
    }

    #[test]
    fn without_causes_the_skeleton_and_a_note_are_drawn() {
        for lang in [Lang::Zh, Lang::En] {
            let data = Fishbone {
                causes: Vec::new(),
                ..review(lang)
            };
            let (svg, hits) = svg(&data, lang);
            let l = labels(lang);
            assert!(texts(&svg).contains(&l.no_causes.to_string()));
            for name in l.fishbone_categories {
                assert!(svg.contains(name), "{name}");
            }
            assert_eq!(hits.len(), 6);
            let zero = cause_count(lang, 0);
            assert!(hits.iter().all(|h| h.label.ends_with(&zero)));
            let png = draw_chart(
                ChartData::Fishbone(&data),
                lang,
                Format::Png,
                crate::chart::Size::DEFAULT,
            )
            .unwrap()
            .0;
            assert_eq!(&png[1..4], b"PNG");
        }
    }

    #[test]
    fn chart_texts_have_glyphs_in_the_chart_font() {
        for lang in [Lang::Zh, Lang::En] {
            let data = review(lang);
            let l = labels(lang);
            let mut texts = vec![
                data.title.clone(),
                data.effect.clone(),
                more_causes(lang, 3),
            ];
            texts.extend([l.controllable, l.not_controllable, l.no_causes].map(String::from));
            texts.extend(l.fishbone_categories.map(String::from));
            texts.extend(data.causes.iter().map(|c| c.text.clone()));
            texts.push("（）…".to_string());
            for text in texts {
                assert_eq!(
                    crate::chart::font::missing_glyphs(&text).unwrap(),
                    Vec::<char>::new(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn an_unknown_category_is_refused_naming_the_cause() {
        let mut data = review(Lang::Zh);
        data.causes.push(cause("machine", "设备老化", true));
        let err = draw_chart(
            ChartData::Fishbone(&data),
            Lang::Zh,
            Format::Svg,
            crate::chart::Size::DEFAULT,
        )
        .unwrap_err();
        assert_eq!(err.code, "bad_fishbone_category");
        assert!(
            err.zh.contains("设备老化") && err.zh.contains("machine"),
            "{}",
            err.zh
        );
        assert!(err.en.contains("\"machine\""), "{}", err.en);
    }
}
