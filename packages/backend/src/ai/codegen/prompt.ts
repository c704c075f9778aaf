import type { DesignBrief, FaceReference, Version } from "@chat3d/shared";
import { imagePart, type PromptPart } from "../providers/parts.js";
import { describeMetrics } from "../history.js";
import { formatExamples, type WorkedExample } from "../knowledge/prompts.js";

/** An image the person sent, as the model receives it. */
export interface PromptImage {
  mediaType: string;
  data: Buffer;
  name: string;
}

export interface CodegenRequest {
  brief: DesignBrief;
  /** The version being changed, when the brief changes the current model. */
  current: Version | null;
  /** Faces picked in the viewer, with the number of the version they belong to. */
  faces: Array<FaceReference & { version_number: number | null }>;
  /** The person's images, for a model that can see them. */
  images: PromptImage[];
  /** The worked examples closest to the brief. */
  examples: WorkedExample[];
  /** This query ran before and stopped (a restart): how far it got. */
  resumed?: { steps: number; lastCode: string | null };
}

const vec = (v: number[] | null) => (v ? `(${v.map((n) => Number(n.toFixed(2))).join(", ")})` : "n/a");

export function describeFace(face: CodegenRequest["faces"][number]): string {
  const where = face.version_number === null ? "" : ` of version ${face.version_number}`;
  const shape =
    face.type === "plane"
      ? `plane, centre ${vec(face.center)}, outward normal ${vec(face.normal)}`
      : `${face.type}, centre ${vec(face.center)}${face.axis ? `, axis ${vec(face.axis)}` : ""}${face.radius != null ? `, diameter ${(face.radius * 2).toFixed(2)} mm` : ""}`;
  const size = face.size.length ? `, ${face.size.map((n) => Number(n.toFixed(2))).join(" × ")} mm` : "";
  return `- face ${face.index}${where}: ${shape}${size}, area ${face.area.toFixed(1)} mm² ("${face.label}")`;
}

/** What the code model is asked: the brief, the code it changes, what was pointed at and shown, close examples. */
export function codegenPrompt(request: CodegenRequest): PromptPart[] {
  const { brief, current, faces, images, examples, resumed } = request;
  const sections = [`Design brief:\n${JSON.stringify(brief, null, 2)}`];
  if (current) {
    sections.push(
      `This changes the chat's current model (version ${current.number}). Its code:\n\`\`\`python\n${current.code}\n\`\`\`\nIts parameter values: ${JSON.stringify(current.parameters)}\nIts geometry: ${describeMetrics(current.metrics)}.\nEdit this code; keep its # @param names.`,
    );
  }
  if (faces.length) {
    sections.push(
      `The person pointed at these faces (index i is root_part.faces()[i] of that version):\n${faces.map(describeFace).join("\n")}`,
    );
  }
  if (examples.length) sections.push(`Worked examples close to this request:\n\n${formatExamples(examples)}`);
  if (resumed) {
    sections.push(
      `This task ran before and stopped after ${resumed.steps} steps when the server restarted.${
        resumed.lastCode ? ` The last code that rendered:\n\`\`\`python\n${resumed.lastCode}\n\`\`\`` : ""
      }\nContinue from there.`,
    );
  }
  if (images.length) {
    sections.push(`The person sent ${images.length} image(s) with the request (a sketch or a photo); they follow.`);
  }
  return [
    { type: "text", text: sections.join("\n\n") },
    ...images.map((image) => imagePart(image.data, image.mediaType)),
  ];
}
