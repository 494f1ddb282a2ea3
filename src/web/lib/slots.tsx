import { type ComponentType, createContext, useContext } from "react";

/** What a panel on a course page is told. */
export interface CoursePanelProps {
  courseId: string;
  level: string;
}

/** What a panel on a learner's course outline is told. */
export interface OutlinePanelProps {
  courseId: string;
  enrolmentId: string;
  level: string;
  completed: boolean;
}

/** What a panel below a step is told. */
export interface StepPanelProps {
  courseId: string;
  enrolmentId: string;
  stepId: string;
}

/**
 * Panels one feature adds to another feature's page (a course run's dates on the course page, a step's discussion
 * below the step). Features never import each other: the app fills these slots (app/slots.tsx) and the pages render
 * whatever is there.
 */
export interface FeatureSlots {
  coursePage: ComponentType<CoursePanelProps>[];
  learningOutline: ComponentType<OutlinePanelProps>[];
  learningStep: ComponentType<StepPanelProps>[];
}

const EMPTY: FeatureSlots = { coursePage: [], learningOutline: [], learningStep: [] };

/** Provided once by the app; empty in tests that render a page alone. */
export const FeatureSlotsContext = createContext<FeatureSlots>(EMPTY);

/** What the panels of one slot are told. */
type SlotProps<K extends keyof FeatureSlots> = FeatureSlots[K] extends ComponentType<infer P>[]
  ? P & object
  : never;

/** Renders every panel filling one slot, in order. */
export function Slot<K extends keyof FeatureSlots>({ name, props }: { name: K; props: SlotProps<K> }) {
  // A slot's panels all take that slot's props, which is what SlotProps<K> names.
  const panels = useContext(FeatureSlotsContext)[name] as ComponentType<SlotProps<K>>[];
  return (
    <>
      {panels.map((Panel, index) => (
        // Panels are a fixed list for the app's lifetime, so their index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Panel key={index} {...props} />
      ))}
    </>
  );
}
