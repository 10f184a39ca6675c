/** Short names for the generated API types (`api.d.ts`, `npm run gen:api`): never written by hand. */
import type { components } from "./api";

type Schemas = components["schemas"];

export type Airport = Schemas["AirportPublic"];
export type FlightResult = Schemas["FlightResult"];
export type Itinerary = Schemas["Itinerary"];
export type FlightSegment = Schemas["FlightSegment"];
export type Layover = Schemas["Layover"];
export type Airline = Schemas["Airline"];
export type MonthDay = Schemas["MonthDay"];
export type SearchResults = Schemas["SearchResults"];
export type FlexDay = Schemas["FlexDay"];
export type SortOrder = Schemas["SortOrder"];
export type FlightCreate = Schemas["FlightCreate"];
export type FlightUpdate = Schemas["FlightUpdate"];
export type FlightPublic = Schemas["FlightPublic"];
export type FlightsPublic = Schemas["Page_FlightPublic_"];
export type FlightStatus = Schemas["FlightStatus"];
export type ImportStarted = Schemas["ImportStarted"];
export type ImportJob = Schemas["ImportJobPublic"];
export type ImportJobs = Schemas["Page_ImportJobPublic_"];
export type Booking = Schemas["BookingPublic"];
export type Bookings = Schemas["Page_BookingPublic_"];
export type BookingStatus = Schemas["BookingStatus"];
export type AdminBooking = Schemas["AdminBookingPublic"];
export type AdminBookings = Schemas["Page_AdminBookingPublic_"];
export type SiteConfig = Schemas["SiteConfig"];
export type OrderCreate = Schemas["OrderCreate"];
export type PassengerType = Schemas["PassengerType"];
export type OrderAccepted = Schemas["OrderAccepted"];
export type Order = Schemas["OrderPublic"];
export type Orders = Schemas["Page_OrderPublic_"];
export type Segment = Schemas["SegmentPublic"];
export type Quote = Schemas["QuotePublic"];
