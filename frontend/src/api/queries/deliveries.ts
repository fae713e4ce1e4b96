import { queryOptions } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";

export type DeliveryMatrix = Schemas["DeliveryMatrix"];
export type MatrixArea = Schemas["MatrixArea"];
export type MatrixCell = Schemas["MatrixCell"];
export type MatrixDelivery = Schemas["MatrixDelivery"];

export const deliveryKeys = {
  all: ["delivery-matrix"] as const,
  matrix: (programmeId: string) => [...deliveryKeys.all, programmeId] as const,
};

/** The programme's areas by versions, each cell judged by the API at the moment of reading. */
export const deliveryMatrixQuery = (programmeId: string) =>
  queryOptions({
    queryKey: deliveryKeys.matrix(programmeId),
    queryFn: () =>
      unwrap(api.GET("/api/v1/delivery-matrix", { params: { query: { programme_id: programmeId } } })),
  });
